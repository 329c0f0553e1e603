using FedUnlearn.Server.Storage.Internal;

namespace FedUnlearn.Server.Storage;

/// <summary>
/// A parameter set written ahead of the row that will reference it: either its own blob file
/// (durably; pruning leaves it alone until disposed) or an entry of a round's <see cref="DeltaPack"/>
/// (made durable with the whole pack when <see cref="ITaskStore.SubmitTasksAsync"/> seals it).
/// Pass it to <see cref="ITaskStore.SubmitTasksAsync"/>.
/// </summary>
public sealed class StagedBlob : IDisposable
{
    private readonly IDisposable? _hold;

    internal StagedBlob(string hash, IDisposable hold)
    {
        Hash = hash;
        _hold = hold;
    }

    internal StagedBlob(PackWriter pack, PackEntry entry)
    {
        Hash = entry.Hash;
        Pack = pack;
        Entry = entry;
    }

    /// <summary>The parameter set's SHA-256 (its blob name, or its entry's hash in the pack).</summary>
    public string Hash { get; }

    /// <summary>The pack holding it, or null for a blob file.</summary>
    internal PackWriter? Pack { get; }

    /// <summary>Its place in <see cref="Pack"/>.</summary>
    internal PackEntry? Entry { get; }

    /// <summary>Releases the protection from pruning (after the referencing commit, or to give it up); a pack entry is protected by its pack.</summary>
    public void Dispose() => _hold?.Dispose();
}
