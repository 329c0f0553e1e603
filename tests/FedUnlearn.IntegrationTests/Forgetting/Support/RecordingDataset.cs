using FedUnlearn.Client;
using FedUnlearn.Learning.Data;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// A node's dataset that records the id of every sample gathered into a batch, per learner task:
/// what the trainer actually read, whichever code path (trainer, unlearning method, evaluator) read it.
/// The task in progress flows with the async context (<see cref="RecordingLearner"/> begins one per call),
/// so reads on the learner's thread-pool thread land in the right log.
/// </summary>
internal sealed class RecordingDataset(IDataset inner) : IDataset
{
    private readonly AsyncLocal<TaskLog?> _current = new();
    private readonly List<TaskLog> _tasks = [];

    /// <summary>Every task begun so far, oldest first.</summary>
    public IReadOnlyList<TaskLog> Tasks
    {
        get { lock (_tasks) return [.. _tasks]; }
    }

    /// <summary>Ordinal the next task will get: read it to mark "from now on".</summary>
    public int NextOrdinal
    {
        get { lock (_tasks) return _tasks.Count; }
    }

    /// <summary>Starts a task's log for the calling async flow.</summary>
    public TaskLog Begin(ClientTaskKind kind)
    {
        lock (_tasks)
        {
            var log = new TaskLog(kind, _tasks.Count);
            _tasks.Add(log);
            _current.Value = log;
            return log;
        }
    }

    public string Name => inner.Name;

    public int Count => inner.Count;

    public IReadOnlyList<int> FeatureShape => inner.FeatureShape;

    public int FeatureLength => inner.FeatureLength;

    public int ClassCount => inner.ClassCount;

    public IReadOnlyList<string>? ClassNames => inner.ClassNames;

    public long GetId(int index) => inner.GetId(index);

    public long GetLabel(int index) => inner.GetLabel(index);

    public ReadOnlySpan<float> Features(int index)
    {
        Record(index);
        return inner.Features(index);
    }

    public void Gather(ReadOnlySpan<int> indices, Span<float> features, Span<long> labels)
    {
        inner.Gather(indices, features, labels);
        foreach (var index in indices) Record(index);
    }

    private void Record(int index)
    {
        // Reads outside a learner task (none are expected) would have no log; they cannot hide a training read.
        _current.Value?.Add(inner.GetId(index));
    }
}
