using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;

namespace FedUnlearn.Server.Storage;

/// <summary>
/// The accepted client deltas of one round, written into one file as they arrive (no fsync per
/// delta). <see cref="ITaskStore.SubmitTasksAsync"/> seals the pack with a single fsync (plus the
/// directory's) before the transaction that records the round's deltas, so a round costs one
/// durable write however many clients it has. Until then nothing references the file: a crash
/// leaves no readable trace of it. Dispose it after the submission (or to give the round up).
/// </summary>
public sealed class DeltaPack : IDisposable
{
    private readonly PackWriter _writer;
    private readonly IParameterSetCodec _codec;

    internal DeltaPack(PackWriter writer, IParameterSetCodec codec)
    {
        _writer = writer;
        _codec = codec;
    }

    /// <summary>The round whose deltas it holds; only that round's tasks may reference them.</summary>
    public long Round => _writer.Round;

    /// <summary>How many deltas were appended.</summary>
    public int Count => _writer.Count;

    /// <summary>Encodes and appends a delta (safe to call concurrently); durable only once submitted.</summary>
    /// <exception cref="InvalidOperationException">The pack was already sealed by a submission.</exception>
    public async Task<StagedBlob> AppendAsync(ParameterSet parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var bytes = _codec.Encode(parameters);
        var entry = await _writer.AppendAsync(bytes, ContentAddressedBlobs.Hash(bytes), cancellationToken).ConfigureAwait(false);
        return new StagedBlob(_writer, entry);
    }

    /// <summary>Closes the file. A pack never submitted is deleted; a submitted one stays until retention prunes its round.</summary>
    public void Dispose() => _writer.Dispose();

    internal PackWriter Writer => _writer;
}
