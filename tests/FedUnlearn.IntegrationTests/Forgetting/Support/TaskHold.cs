namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// Holds the first learner task that <paramref name="matches"/> before it starts computing, so a test
/// can act while the federation is at a known point (e.g. a campaign round in flight).
/// </summary>
internal sealed class TaskHold(Func<TaskLog, bool> matches)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the matching task is held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held task go on.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task WaitIfMatchingAsync(TaskLog log, CancellationToken cancellationToken)
    {
        if (_reached.Task.IsCompleted || !matches(log)) return;
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }
}
