using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class RoundRunner
{
    /// <summary>
    /// Work done at safe points between rounds (forget campaigns); set before <see cref="RunAsync"/>.
    /// While it has work, it runs instead of training rounds.
    /// </summary>
    public ISafePointWork? SafePoint { get; set; }

    /// <summary>
    /// Runs rounds until <paramref name="cancellationToken"/> fires or every configured training round
    /// is committed. Between two rounds (never during one) pending safe-point work runs first. With training
    /// paused, only safe-point work runs, until stopped.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            GlobalVersion = await _store.LatestGlobalVersionAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The store holds no global adapter; the server initialises it before the runner starts.");
            int failed = 0;
            while (_options.TrainingPaused || _options.Rounds == 0 || await _store.CountCommittedRoundsAsync(TaskKind.Train, cancellationToken).ConfigureAwait(false) < _options.Rounds)
            {
                if (SafePoint is { HasPendingWork: true } work)
                {
                    await work.RunAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                State = RunnerState.WaitingForClients;
                if (_options.TrainingPaused)
                {
                    await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await WaitForClientsOrWorkAsync(cancellationToken).ConfigureAwait(false)) continue;
                RoundResult round = await RunRoundAsync(TrainingPlan(), cancellationToken).ConfigureAwait(false);
                failed = CountFailure(failed, round.Summary);
            }

            // Requests accepted before the last training round still get their campaign.
            while (SafePoint is { HasPendingWork: true } work)
                await work.RunAsync(cancellationToken).ConfigureAwait(false);
            State = RunnerState.Finished;
            RoundLog.Finished(_logger, GlobalVersion.Version);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: a round left running is abandoned by recovery at the next start, as after a crash.
        }
        catch (Exception ex)
        {
            State = RunnerState.Failed;
            RoundLog.RunnerFailed(_logger, ex);
            throw;
        }
        finally
        {
            if (State is not (RunnerState.Finished or RunnerState.Failed)) State = RunnerState.Stopped;
        }
    }

    /// <summary>
    /// The count of training rounds abandoned in a row after their tasks went out, including
    /// <paramref name="summary"/>; throws once it reaches the configured bound, so that updates that are
    /// always rejected end the run with their reasons instead of an endless retry.
    /// </summary>
    private int CountFailure(int failed, RoundSummary summary)
    {
        // A round that found too few clients sent nothing and waited for clients to change: not a failure.
        if (summary.Outcome != RoundOutcome.Abandoned || summary.Selected.Count == 0) return summary.Outcome == RoundOutcome.Committed ? 0 : failed;
        failed++;
        if (_options.MaxFailedRounds > 0 && failed >= _options.MaxFailedRounds) throw new RoundsFailedException(failed, summary);
        return failed;
    }

    /// <summary>Waits for enough clients; returns false when safe-point work arrived first.</summary>
    private async Task<bool> WaitForClientsOrWorkAsync(CancellationToken cancellationToken)
    {
        if (SafePoint is not { } work)
        {
            await _sessions.WaitForOnlineAsync(_options.MinClients, cancellationToken).ConfigureAwait(false);
            return true;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task online = _sessions.WaitForOnlineAsync(_options.MinClients, waiting.Token);
        await Task.WhenAny(online, work.WorkArrived).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return online.IsCompletedSuccessfully && !work.HasPendingWork;
    }

    /// <summary>With training paused: waits for safe-point work (a forget request), or for the runner to be stopped.</summary>
    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        // Taken before the check: work that arrives in between completes this signal rather than the next.
        Task arrived = SafePoint?.WorkArrived ?? Task.Delay(Timeout.Infinite, cancellationToken);
        if (SafePoint is { HasPendingWork: true }) return;
        await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until at least <paramref name="count"/> clients have an open task stream.</summary>
    public Task WaitForClientsAsync(int count, CancellationToken cancellationToken)
    {
        State = RunnerState.WaitingForClients;
        return _sessions.WaitForOnlineAsync(count, cancellationToken);
    }

    /// <summary>An ordinary training round: the strategy picks the clients, each gets a TrainTask.</summary>
    public static RoundPlan TrainingPlan(TaskKind roundKind = TaskKind.Train, string? ticketId = null) => new()
    {
        RoundKind = roundKind,
        TaskKind = TaskKind.Train,
        TicketId = ticketId,
        Describe = static (task, _) => task.Train = new TrainTask(),
    };
}
