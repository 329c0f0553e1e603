namespace FedUnlearn.Server.Storage;

/// <summary>
/// A parameter set written to the blob directory (durably) but not yet referenced by any row:
/// pruning leaves it alone until it is disposed. Pass its hash to <see cref="ITaskStore.SubmitTasksAsync"/>.
/// </summary>
public sealed class StagedBlob : IDisposable
{
    private readonly IDisposable _hold;

    internal StagedBlob(string hash, IDisposable hold)
    {
        Hash = hash;
        _hold = hold;
    }

    /// <summary>The blob's SHA-256 (its name in the blob directory).</summary>
    public string Hash { get; }

    /// <summary>Releases the protection from pruning (after the referencing commit, or to give it up).</summary>
    public void Dispose() => _hold.Dispose();
}
