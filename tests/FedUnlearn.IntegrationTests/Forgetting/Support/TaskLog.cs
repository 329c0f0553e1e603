using FedUnlearn.Client;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>Every sample id one learner task gathered into a batch (features read), in no particular order.</summary>
/// <param name="Kind">What the task was: train, unlearn or evaluate.</param>
/// <param name="Ordinal">The task's position among the node's learner calls (0-based), so tests can tell "after" from "before".</param>
internal sealed class TaskLog(ClientTaskKind Kind, int Ordinal)
{
    private readonly HashSet<long> _ids = [];

    public ClientTaskKind Kind { get; } = Kind;

    public int Ordinal { get; } = Ordinal;

    /// <summary>Distinct ids gathered so far.</summary>
    public IReadOnlyCollection<long> Ids
    {
        get { lock (_ids) return [.. _ids]; }
    }

    public void Add(long id)
    {
        lock (_ids) _ids.Add(id);
    }

    public override string ToString() => $"#{Ordinal} {Kind} ({Ids.Count} ids)";
}
