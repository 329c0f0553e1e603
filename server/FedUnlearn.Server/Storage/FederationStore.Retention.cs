using FedUnlearn.Server.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<PruneReport> PruneAsync(CancellationToken cancellationToken = default) =>
        // The whole pass runs under the gate: no commit can add a reference between the query and the deletes,
        // and blobs written for a commit still in flight are held as pending.
        WithConnectionAsync(async c =>
        {
            HashSet<string> referenced;
            int removed;
            await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken))
            {
                var newest = (long)(await c.ScalarAsync("SELECT COALESCE(MAX(number), 0) FROM rounds", cancellationToken, tx))!;
                removed = await c.ExecuteAsync("DELETE FROM client_deltas WHERE round <= $cutoff",
                    cancellationToken, tx, ("$cutoff", newest - _options.RetainedDeltaRounds));
                referenced = (await c.QueryAsync(
                    "SELECT blob_hash FROM global_versions UNION SELECT blob_hash FROM client_deltas",
                    r => (string)r["blob_hash"], cancellationToken, tx)).ToHashSet(StringComparer.Ordinal);
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
            return new PruneReport(removed, deleted, bytes);
        }, cancellationToken);
}
