using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <summary>The directory holding the rounds' delta packs (for operators and tests).</summary>
    public string PackDirectory => _packDirectory;

    /// <inheritdoc />
    public DeltaPack OpenDeltaPack(long round)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new DeltaPack(new PackWriter(_packDirectory, round, _pendingPacks.Hold), _options.Codec);
    }

    /// <inheritdoc />
    public async Task<ParameterSet> LoadBlobAsync(string blobHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobHash);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Blob files first: global versions and the deltas of stores written before packs existed.
        byte[] bytes;
        if (_blobs.Contains(blobHash)) bytes = await _blobs.ReadAsync(blobHash, cancellationToken);
        else if (await FindPackEntryAsync(blobHash, cancellationToken) is { } entry) bytes = await PackReader.ReadAsync(_packDirectory, entry, cancellationToken);
        else throw new FileNotFoundException($"Blob {blobHash} is not in the store (never written, or pruned).", _blobs.PathOf(blobHash));
        return _options.Codec.Decode(bytes);
    }

    /// <summary>Seals every pack the results' deltas live in: the one durable write of their round.</summary>
    private static async Task<List<PackWriter>> SealPacksAsync(IReadOnlyList<TaskResult> results, CancellationToken cancellationToken)
    {
        List<PackWriter> packs = [.. results.Select(r => r.Blob?.Pack).OfType<PackWriter>().Distinct()];
        foreach (var pack in packs) await pack.SealAsync(cancellationToken);
        return packs;
    }

    /// <summary>Records a sealed pack's file (once) and the entry of one delta the transaction references.</summary>
    private static async Task RecordPackEntryAsync(SqliteConnection c, SqliteTransaction tx, StagedBlob blob, long taskRound, long now, CancellationToken cancellationToken)
    {
        var (pack, entry) = (blob.Pack!, blob.Entry!);
        if (pack.Round != taskRound)
            throw new InvalidOperationException($"Delta {entry.Hash} was packed for round {pack.Round} but answers a task of round {taskRound}.");
        await c.ExecuteAsync("INSERT OR IGNORE INTO delta_packs (file, round, size, created_ms) VALUES ($f, $r, $s, $now)",
            cancellationToken, tx, ("$f", pack.FileName), ("$r", pack.Round), ("$s", pack.Length), ("$now", now));
        await c.ExecuteAsync(
            "INSERT OR IGNORE INTO pack_entries (pack_id, payload_offset, payload_length, hash) SELECT id, $o, $l, $h FROM delta_packs WHERE file = $f",
            cancellationToken, tx, ("$o", entry.Offset), ("$l", entry.Length), ("$h", entry.Hash), ("$f", pack.FileName));
    }

    /// <summary>
    /// At open, before any round runs: a <c>.partial</c> pack whose sealed name the database records
    /// was sealed and committed but its rename was lost with the power, so the rename is finished;
    /// any other is a round that never closed (nothing references it, no writer survives) and goes.
    /// </summary>
    private async Task RecoverPacksAsync(CancellationToken cancellationToken)
    {
        var partials = Directory.GetFiles(_packDirectory, "*" + PackFormat.PartialExtension);
        if (partials.Length == 0) return;
        var recorded = (await _connection.QueryAsync("SELECT file FROM delta_packs", r => (string)r["file"], cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var partial in partials)
        {
            var sealedName = Path.GetFileNameWithoutExtension(partial) + PackFormat.Extension;
            if (recorded.Contains(sealedName)) File.Move(partial, Path.Combine(_packDirectory, sealedName), overwrite: true);
            else File.Delete(partial);
        }

        DirectorySync.Flush(_packDirectory);
    }

    private Task<PackEntry?> FindPackEntryAsync(string hash, CancellationToken cancellationToken) =>
        WithConnectionAsync(async c => (await c.QueryAsync(
            "SELECT p.file, e.payload_offset, e.payload_length FROM pack_entries e JOIN delta_packs p ON p.id = e.pack_id WHERE e.hash = $h ORDER BY p.id DESC LIMIT 1",
            r => new PackEntry((string)r["file"], (long)r["payload_offset"], (long)r["payload_length"], hash), cancellationToken, null, ("$h", hash))).SingleOrDefault(), cancellationToken);
}
