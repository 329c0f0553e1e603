namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>What the client processes report and how the simulation answers: turns, failures, the start deadline.</summary>
internal sealed partial class ProcessClients
{
    // A client that neither joins nor dies (stuck starting, or unable to reach the server) must not leave the simulation waiting for it.
    private async Task WatchJoinAsync(ClientProcess process)
    {
        try
        {
            await JoinedOf(process.Index).Task.WaitAsync(StartDeadline, _stop.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _failed.TrySetException(new SimulationException($"Client {process.Index} ({process.Name}) did not join the federation within {StartDeadline.TotalSeconds:0} s.{Tail(process)}"));
        }
        catch (OperationCanceledException)
        {
            // Stopped first.
        }
    }

    private TaskCompletionSource ReadyOf(int index) => _ready.GetOrAdd(index, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource JoinedOf(int index) => _joined.GetOrAdd(index, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static string Tail(ClientProcess process) =>
        process.ErrorTail is { Length: > 0 } tail ? $" The end of its error output:{Environment.NewLine}{tail}" : "";

    private async Task ForwardFailureAsync(ClientProcess process)
    {
        try
        {
            await process.Failed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _failed.TrySetCanceled();
        }
        catch (SimulationException ex)
        {
            _failed.TrySetException(ex);
        }
    }

    private void OnEvent(ClientProcess process, ControlEvent e)
    {
        switch (e.Kind)
        {
            case ControlEventKind.Ready:
                ReadyOf(process.Index).TrySetResult();
                break;
            case ControlEventKind.Joined:
                JoinedOf(process.Index).TrySetResult();
                break;
            case ControlEventKind.Started:
                order.Started(process.Index, e.TaskId, e.Round, e.TaskKind);
                break;
            case ControlEventKind.Submitted:
                order.Submitted(e.TaskId);
                break;
            case ControlEventKind.Turn:
                samples[(e.Round, process.Index)] = e.Samples;
                _ = GoOnTurnAsync(process, e.Round);
                break;
        }
    }

    private async Task GoOnTurnAsync(ClientProcess process, long round)
    {
        try
        {
            await order.WaitTurnAsync(process.Index, round, _stop.Token).ConfigureAwait(false);
            process.Go(round);
        }
        catch (OperationCanceledException)
        {
            // Stopped before its turn came.
        }
    }
}
