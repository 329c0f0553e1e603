using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<PruneReport> PruneAsync(CancellationToken cancellationToken = default) =>
        // The whole pass runs under the gate: no commit can add a reference between the query and the deletes,
        // and blobs and packs written for a commit still in flight are held as pending.
        WithConnectionAsync(async c =>
        {
            HashSet<string> referenced, packs;
            int removed;
            await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken))
            {
                var newest = (long)(await c.ScalarAsync("SELECT COALESCE(MAX(number), 0) FROM rounds", cancellationToken, tx))!;
                var cutoff = ("$cutoff", (object?)(newest - _options.RetainedDeltaRounds));
                removed = await c.ExecuteAsync("DELETE FROM client_deltas WHERE round <= $cutoff", cancellationToken, tx, cutoff);
                // A pack holds one round's deltas only, so it goes as a whole with its round.
                await c.ExecuteAsync("DELETE FROM pack_entries WHERE pack_id IN (SELECT id FROM delta_packs WHERE round <= $cutoff)", cancellationToken, tx, cutoff);
                await c.ExecuteAsync("DELETE FROM delta_packs WHERE round <= $cutoff", cancellationToken, tx, cutoff);
                referenced = (await c.QueryAsync(
                    "SELECT blob_hash FROM global_versions UNION SELECT blob_hash FROM client_deltas",
                    r => (string)r["blob_hash"], cancellationToken, tx)).ToHashSet(StringComparer.Ordinal);
                packs = (await c.QueryAsync("SELECT file FROM delta_packs", r => (string)r["file"], cancellationToken, tx)).ToHashSet(StringComparer.Ordinal);
                await tx.CommitAsync(cancellationToken);
            }

            int deleted = 0;
            long bytes = 0;
            foreach (var (hash, path, size) in _blobs.Enumerate().ToList())
            {
                if (referenced.Contains(hash) || _pending.Contains(hash)) continue;
                ContentAddressedBlobs.Delete(path);
                deleted++;
                bytes += size;
            }

            int packsDeleted = 0;
            foreach (var file in new DirectoryInfo(_packDirectory).EnumerateFiles().ToList())
            {
                // Packs no kept round records go too: sealed before a commit that never happened, or left
                // .partial by a failed seal. A pack still being written is held as pending.
                var sealedName = Path.GetFileNameWithoutExtension(file.Name) + PackFormat.Extension;
                if (file.Extension is not (PackFormat.Extension or PackFormat.PartialExtension) || !PackFormat.IsPackFile(sealedName) || packs.Contains(sealedName) || _pendingPacks.Contains(sealedName)) continue;
                var size = file.Length;
                file.Delete();
                packsDeleted++;
                bytes += size;
            }

            return new PruneReport(removed, deleted, bytes) { PacksDeleted = packsDeleted };
        }, cancellationToken);
}
