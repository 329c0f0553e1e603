namespace FedUnlearn.Client.Internal;

/// <summary>
/// What happened to the tasks seen lately, so that a task the server re-delivers after a reconnect
/// is neither computed twice nor lost: finished ones are ignored, computed but undelivered ones are
/// sent again. Bounded: the oldest entries go first.
/// </summary>
internal sealed class RecentTasks(int capacity)
{
    private readonly Dictionary<string, PreparedResult?> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True when the task was seen; <paramref name="undelivered"/> is its result still to send, or null when it is finished.</summary>
    public bool TryGet(string taskId, out PreparedResult? undelivered) => _byId.TryGetValue(taskId, out undelivered);

    public void MarkFinished(string taskId) => Set(taskId, null);

    public void MarkUndelivered(string taskId, PreparedResult result) => Set(taskId, result);

    /// <summary>Forgets the task, so that a re-delivery computes it afresh.</summary>
    public void Forget(string taskId) => _byId.Remove(taskId);

    private void Set(string taskId, PreparedResult? value)
    {
        if (!_byId.ContainsKey(taskId))
        {
            _order.Enqueue(taskId);
            while (_order.Count > capacity) _byId.Remove(_order.Dequeue());
        }

        _byId[taskId] = value;
    }
}
