using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class RoundRunner
{
    /// <summary>
    /// Commits <paramref name="adapter"/> as the next global version without clients: a round of
    /// <paramref name="kind"/> for <paramref name="ticketId"/> with no participants (an adapter reset,
    /// a client's contributions removed from the stored history). Only call between rounds.
    /// </summary>
    public Task<GlobalVersionRecord> CommitServerSideAsync(TaskKind kind, string ticketId, ParameterSet adapter, string what,
        CancellationToken cancellationToken) =>
        CommitServerSideAsync(kind, ticketId, adapter, what, (round, ct) => _store.CommitRoundAsync(round, adapter, 0, ct), cancellationToken);

    private async Task<GlobalVersionRecord> CommitServerSideAsync(TaskKind kind, string ticketId, ParameterSet adapter, string what,
        Func<long, CancellationToken, Task<GlobalVersionRecord>> commit, CancellationToken cancellationToken)
    {
        RoundRecord record = await _store.BeginRoundAsync(kind, ticketId, cancellationToken).ConfigureAwait(false);
        RoundNumber = record.Number;
        DateTimeOffset started = _time.GetUtcNow();
        GlobalVersionRecord committed = await commit(record.Number, cancellationToken).ConfigureAwait(false);
        long from = GlobalVersion!.Version;
        GlobalVersion = committed;
        _adapters.Put(committed, adapter);
        RoundLog.CommittedServerSide(_logger, record.Number, committed.Version, what);
        Publish(new RoundSummary(record.Number, RoundOutcome.Committed, from, committed.Version, [], [], [], [],
            new Dictionary<string, double>(), started, _time.GetUtcNow(), what));
        return committed;
    }

    /// <summary>A fresh aggregator of the configured strategy, to replay stored updates exactly as a round folded them.</summary>
    public IUpdateAggregator CreateAggregator(RoundContext context) => _strategy.CreateAggregator(context);

    /// <summary>Client sessions (online state, removal).</summary>
    public ClientSessions Sessions => _sessions;
}
