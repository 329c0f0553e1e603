using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// The last few global adapter versions, so that a train task, an evaluation and a resend on the
/// same version download it once. Versions are immutable on the server, so a cached one never goes
/// stale. Least recently used goes first. Used by one task at a time.
/// </summary>
internal sealed class AdapterCache(int capacity)
{
    private readonly LinkedList<FetchedAdapter> _entries = new();

    public int Count => _entries.Count;

    /// <summary>Returns version <paramref name="version"/> (0: the current one, always fetched) from the cache or from <paramref name="fetch"/>.</summary>
    public async Task<(FetchedAdapter Adapter, bool Hit)> GetAsync(ulong version, Func<ulong, CancellationToken, Task<FetchedAdapter>> fetch,
        CancellationToken cancellationToken)
    {
        if (version != 0 && Find(version) is { } node)
        {
            _entries.Remove(node);
            _entries.AddFirst(node);
            return (node.Value, true);
        }

        var fetched = await fetch(version, cancellationToken).ConfigureAwait(false);
        if (version != 0 && fetched.Version != version)
        {
            throw new InvalidDataException($"Asked for adapter version {version} but the server sent version {fetched.Version}.");
        }

        if (Find(fetched.Version) is { } existing) _entries.Remove(existing);
        _entries.AddFirst(fetched);
        while (_entries.Count > capacity) _entries.RemoveLast();
        return (fetched, false);
    }

    private LinkedListNode<FetchedAdapter>? Find(ulong version)
    {
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.Version == version) return node;
        }

        return null;
    }
}
