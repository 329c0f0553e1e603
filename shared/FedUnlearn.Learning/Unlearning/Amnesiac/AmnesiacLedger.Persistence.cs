using FedUnlearn.Learning.Unlearning.Amnesiac.Internal;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>Saving and loading a ledger: one binary file (little-endian) ending in a SHA-256 of its content, written atomically.</summary>
public sealed partial class AmnesiacLedger
{
    /// <summary>Writes the ledger to <paramref name="path"/> (a temporary file renamed over it, so a crash never leaves half a ledger).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        lock (_gate)
        {
            bytes = LedgerCodec.Encode(Options, _layout, _nextSequence, DroppedBatches, _lost, _batches);
        }

        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a ledger written by <see cref="SaveAsync"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a ledger, is truncated or corrupted (checksum), or holds invalid values.</exception>
    public static async Task<AmnesiacLedger> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var decoded = LedgerCodec.Decode(bytes, path);
        var ledger = new AmnesiacLedger(decoded.Options)
        {
            _layout = decoded.Layout,
            _nextSequence = decoded.NextSequence,
            DroppedBatches = decoded.DroppedBatches,
        };
        ledger._lost.UnionWith(decoded.Lost);
        foreach (var batch in decoded.Batches)
        {
            ledger._batches.AddLast(batch);
            ledger.StoredBytes += batch.Bytes;
        }

        if (ledger.StoredBytes > ledger.Options.MaxBytes)
            throw new InvalidDataException($"'{path}' holds {ledger.StoredBytes} bytes of updates, more than its bound {ledger.Options.MaxBytes}.");
        return ledger;
    }
}
