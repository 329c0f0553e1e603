using FedUnlearn.Learning.Data.Batching;

namespace FedUnlearn.Learning.Tests.Data.Batching;

public sealed class TombstoneSetTests
{
    [Fact]
    public async Task AddAsync_CountsOnlyNewIdsAndSnapshotIsSorted()
    {
        ITombstoneStore store = new TombstoneSet([5]);

        var added = await store.AddAsync([9, 5, 1, 9]);

        Assert.Equal(2, added);
        Assert.Equal(3, store.Count);
        Assert.True(store.Contains(9));
        Assert.False(store.Contains(2));
        Assert.Equal([1L, 5, 9], store.Snapshot());
    }

    [Fact]
    public void Add_ConcurrentWriters_EveryIdCountedOnce()
    {
        var set = new TombstoneSet();

        Parallel.For(0, 8, worker =>
        {
            for (var id = 0L; id < 10_000; id++) set.Add(id);
        });

        Assert.Equal(10_000, set.Count);
        Assert.Equal(10_000, set.Snapshot().Length);
    }
}
