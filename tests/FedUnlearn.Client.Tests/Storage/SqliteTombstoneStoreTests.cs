using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Tests.Storage;

public sealed class SqliteTombstoneStoreTests : IDisposable
{
    private readonly TempStoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddAsync_ThenReopen_TombstonesSurvive()
    {
        await using (var store = await _dir.OpenAsync())
        {
            await store.Tombstones.AddAsync([42, -5, 1_000_003, long.MaxValue]);
        }

        await using var reopened = await _dir.OpenAsync();
        Assert.Equal(4, reopened.Tombstones.Count);
        Assert.Equal([-5L, 42, 1_000_003, long.MaxValue], reopened.Tombstones.Snapshot());
        Assert.True(reopened.Tombstones.Contains(1_000_003));
        Assert.False(reopened.Tombstones.Contains(43));
    }

    [Fact]
    public async Task AddAsync_DuplicatesWithinAndAcrossCalls_ReturnsOnlyNewCount()
    {
        await using var store = await _dir.OpenAsync();

        Assert.Equal(3, await store.Tombstones.AddAsync([1, 2, 2, 3, 1]));
        Assert.Equal(2, await store.Tombstones.AddAsync([3, 4, 5]));
        Assert.Equal(0, await store.Tombstones.AddAsync([5, 1]));
        Assert.Equal(0, await store.Tombstones.AddAsync([]));

        Assert.Equal(5, store.Tombstones.Count);
        Assert.Equal([1L, 2, 3, 4, 5], store.Tombstones.Snapshot());
    }

    [Fact]
    public async Task AddAsync_ConcurrentOverlappingWriters_EveryIdCountedOnceAndDurable()
    {
        const int Writers = 8;
        const int PerWriter = 500;
        await using (var store = await _dir.OpenAsync())
        {
            // Writer w adds [w*250, w*250+500): neighbours overlap by half, so many ids race.
            var writes = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                var total = 0;
                for (var start = 0; start < PerWriter; start += 50)
                {
                    total += await store.Tombstones.AddAsync(Enumerable.Range(w * 250 + start, 50).Select(i => (long)i));
                }
                return total;
            }));
            var all = Task.WhenAll(writes);

            // Meanwhile the training path reads: what it sees only ever grows.
            var lastSeen = 0;
            while (!all.IsCompleted)
            {
                var seen = store.Tombstones.Count;
                Assert.True(seen >= lastSeen);
                lastSeen = seen;
                await Task.Yield();
            }

            var added = await all;

            Assert.Equal(250 * (Writers + 1), added.Sum());
            Assert.Equal(250 * (Writers + 1), store.Tombstones.Count);
        }

        await using var reopened = await _dir.OpenAsync();
        Assert.Equal(Enumerable.Range(0, 250 * (Writers + 1)).Select(i => (long)i), reopened.Tombstones.Snapshot());
    }

    [Fact]
    public async Task AddAsync_EnumerationFailsMidway_NothingTombstoned()
    {
        await using var store = await _dir.OpenAsync();
        await store.Tombstones.AddAsync([1]);

        await Assert.ThrowsAsync<FormatException>(async () =>
            await store.Tombstones.AddAsync(new[] { "2", "3", "x4" }.Select(long.Parse)));

        Assert.Equal([1L], store.Tombstones.Snapshot());
        Assert.Null(await store.Tombstones.GetRecordAsync(2));
    }

    [Fact]
    public async Task AddAsync_Cancelled_ThrowsAndAddsNothing()
    {
        await using var store = await _dir.OpenAsync();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.Tombstones.AddAsync([1, 2], cts.Token));

        Assert.Equal(0, store.Tombstones.Count);
    }

    [Fact]
    public async Task GetRecordAsync_DirectAdd_HasTimeAndNoRequest()
    {
        await using var store = await _dir.OpenAsync();
        _dir.Time.Advance(TimeSpan.FromMinutes(3));
        await store.Tombstones.AddAsync([9]);
        _dir.Time.Advance(TimeSpan.FromMinutes(1));
        await store.Tombstones.AddAsync([9]); // already there: the first record stands

        var record = await store.Tombstones.GetRecordAsync(9);

        Assert.Equal(new TombstoneRecord(9, null, new DateTimeOffset(2025, 3, 1, 12, 3, 0, TimeSpan.Zero)), record);
        Assert.Null(await store.Tombstones.GetRecordAsync(10));
    }
}
