using System.Collections.Concurrent;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Storage;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>
/// Runs training rounds one after another: wait for clients, select, send tasks, fold updates as
/// they arrive, close at the deadline or when everyone answered, commit, repeat. This part holds
/// the state the RPC edge reads; the loop is in <c>RoundRunner.Loop.cs</c>.
/// </summary>
internal sealed partial class RoundRunner
{
    private const int KeptSummaries = 100;
    private readonly IFederationStore _store;
    private readonly IAggregationStrategy _strategy;
    private readonly ClientSessions _sessions;
    private readonly AdapterCache _adapters;
    private readonly FederationServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<RoundSummary>> _waiters = new();
    private readonly Lock _gate = new();
    private readonly LinkedList<RoundSummary> _summaries = new();
    private volatile ActiveRound? _current;
    private volatile ActiveRound? _previous;

    public RoundRunner(IFederationStore store, IAggregationStrategy strategy, ClientSessions sessions, AdapterCache adapters,
        FederationServerOptions options, ILogger logger)
    {
        _store = store;
        _strategy = strategy;
        _sessions = sessions;
        _adapters = adapters;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
    }

    public RunnerState State { get; private set; } = RunnerState.Starting;

    /// <summary>The shards of a sharded federation (training rounds then train each shard separately); null: one global adapter. Set before <see cref="RunAsync"/>.</summary>
    public ShardedRounds? Sharding { get; set; }

    /// <summary>The round running now, or the last one started.</summary>
    public long RoundNumber { get; private set; }

    /// <summary>The latest committed global version.</summary>
    public GlobalVersionRecord? GlobalVersion { get; private set; }

    /// <summary>The strategy's name, for status and logs.</summary>
    public string StrategyName => _strategy.Name;

    public ActiveRound? Current => _current;

    /// <summary>The open round, or the one closed just before it (late and repeated uploads find it).</summary>
    public ActiveRound? FindRound(string taskId, string clientId)
    {
        if (_current is { } current && current.Owns(taskId, clientId)) return current;
        if (_previous is { } previous && previous.Owns(taskId, clientId)) return previous;
        return null;
    }

    /// <summary>Summaries of recent rounds, newest first.</summary>
    public IReadOnlyList<RoundSummary> RecentSummaries
    {
        get { lock (_gate) return [.. _summaries]; }
    }

    /// <summary>Completes with round <paramref name="round"/>'s summary once it is committed or abandoned.</summary>
    public Task<RoundSummary> WaitForRoundAsync(long round, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_summaries.FirstOrDefault(s => s.Round == round) is { } done) return Task.FromResult(done);
        }

        return _waiters.GetOrAdd(round, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellationToken);
    }

    private void Publish(RoundSummary summary)
    {
        lock (_gate)
        {
            _summaries.AddFirst(summary);
            if (_summaries.Count > KeptSummaries) _summaries.RemoveLast();
        }

        _waiters.GetOrAdd(summary.Round, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(summary);
    }
}
