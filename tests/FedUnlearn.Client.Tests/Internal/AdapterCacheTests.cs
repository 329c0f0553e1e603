using FedUnlearn.Client.Internal;
using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Client.Tests.Internal;

public sealed class AdapterCacheTests
{
    private readonly List<ulong> _fetched = [];

    private Task<FetchedAdapter> Fetch(ulong version, CancellationToken _)
    {
        _fetched.Add(version);
        var resolved = version == 0 ? 9UL : version;
        var adapter = FakeFederationServer.Adapter(resolved);
        return Task.FromResult(new FetchedAdapter(resolved, adapter.ContentHash(), adapter));
    }

    [Fact]
    public async Task GetAsync_KnownVersion_IsServedFromMemory()
    {
        var cache = new AdapterCache(capacity: 2);

        var (first, hit1) = await cache.GetAsync(3, Fetch, default);
        var (second, hit2) = await cache.GetAsync(3, Fetch, default);

        Assert.False(hit1);
        Assert.True(hit2);
        Assert.Same(first, second);
        Assert.Equal([3UL], _fetched);
    }

    [Fact]
    public async Task GetAsync_OverCapacity_EvictsTheLeastRecentlyUsed()
    {
        var cache = new AdapterCache(capacity: 2);
        await cache.GetAsync(1, Fetch, default);
        await cache.GetAsync(2, Fetch, default);
        await cache.GetAsync(1, Fetch, default); // 1 is now the most recent
        await cache.GetAsync(3, Fetch, default); // evicts 2

        await cache.GetAsync(1, Fetch, default);
        await cache.GetAsync(2, Fetch, default);

        Assert.Equal([1UL, 2, 3, 2], _fetched);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task GetAsync_Current_AlwaysAsksTheServerAndCachesTheResolvedVersion()
    {
        var cache = new AdapterCache(capacity: 2);

        var (current, _) = await cache.GetAsync(0, Fetch, default);
        var (again, hit) = await cache.GetAsync(9, Fetch, default);

        Assert.Equal(9UL, current.Version);
        Assert.True(hit);
        Assert.Same(current, again);
    }

    [Fact]
    public async Task GetAsync_ServerSendsAnotherVersion_IsRejected()
    {
        var cache = new AdapterCache(capacity: 2);

        await Assert.ThrowsAsync<InvalidDataException>(() => cache.GetAsync(4,
            (_, _) => Task.FromResult(new FetchedAdapter(5, "", FakeFederationServer.Adapter(5))), default));
    }
}
