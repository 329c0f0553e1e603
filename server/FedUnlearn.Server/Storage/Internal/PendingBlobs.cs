namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Blobs written but whose referencing row is not committed yet. Pruning runs under the store's
/// gate and skips these, so it can never delete a blob that a commit is about to reference.
/// </summary>
internal sealed class PendingBlobs
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IDisposable Hold(string hash)
    {
        lock (_gate) _counts[hash] = _counts.GetValueOrDefault(hash) + 1;
        return new Release(this, hash);
    }

    public bool Contains(string hash)
    {
        lock (_gate) return _counts.ContainsKey(hash);
    }

    private void Drop(string hash)
    {
        lock (_gate)
        {
            if (--_counts[hash] == 0) _counts.Remove(hash);
        }
    }

    private sealed class Release(PendingBlobs owner, string hash) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.Drop(hash);
        }
    }
}
