using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Tests.Storage;

public sealed class LocalForgetRequestsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempStoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CreateAsync_Samples_StoresPendingRequestAndTombstonesSamples()
    {
        await using var store = await _dir.OpenAsync();
        await store.Tombstones.AddAsync([20]);

        var request = await store.ForgetRequests.CreateAsync(
            ForgetRequestDraft.ForSamples([30, 10, 20, 10], "GDPR art. 17 #5") with { RequestId = "req-1", Method = "rfa" });

        Assert.Equal("req-1", request.RequestId);
        Assert.Equal(3, request.SampleCount);
        Assert.Equal(LocalForgetState.Pending, request.State);
        Assert.Equal(ForgetScopeKind.Samples, request.Scope.Kind);
        Assert.Equal(("rfa", "GDPR art. 17 #5"), (request.Method, request.Reason));
        Assert.Null(request.TicketId);
        Assert.Equal(Start, request.CreatedAt);
        Assert.Equal(request, await store.ForgetRequests.GetAsync("req-1"));
        Assert.Equal(new long[] { 10, 20, 30 }, await store.ForgetRequests.GetSampleIdsAsync("req-1"));
        Assert.Equal([10L, 20, 30], store.Tombstones.Snapshot());
        Assert.Equal("req-1", (await store.Tombstones.GetRecordAsync(10))!.RequestId);
        Assert.Null((await store.Tombstones.GetRecordAsync(20))!.RequestId); // tombstoned earlier, first record kept
    }

    [Fact]
    public async Task CreateAsync_ProcessDiesWithoutDispose_RequestAndTombstonesAreOnDisk()
    {
        using var crashCopy = new TempStoreDirectory();
        await using (var store = await _dir.OpenAsync())
        {
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([7, 8]) with { RequestId = "r" });

            // What a crash right after the ack leaves behind: the files as they are now, never closed.
            foreach (var file in Directory.GetFiles(_dir.Path, ClientStore.FileName + "*").Where(f => !f.EndsWith(".lock")))
            {
                File.Copy(file, Path.Combine(crashCopy.Path, Path.GetFileName(file)));
            }
        }

        await using var recovered = await crashCopy.OpenAsync();
        Assert.Equal([7L, 8], recovered.Tombstones.Snapshot());
        Assert.Equal(new[] { "r" }, (await recovered.ForgetRequests.ListPendingAsync()).Select(r => r.RequestId));
    }

    [Fact]
    public async Task CreateAsync_NoRequestId_GeneratesUniqueIds()
    {
        await using var store = await _dir.OpenAsync();

        var a = await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]));
        var b = await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([2]));

        Assert.Equal(32, a.RequestId.Length);
        Assert.NotEqual(a.RequestId, b.RequestId);
    }

    [Fact]
    public async Task CreateAsync_SampleEnumerationFailsMidway_NeitherRequestNorTombstonesStored()
    {
        await using (var store = await _dir.OpenAsync())
        {
            // A lazy query that yields two ids, then hits bad input: the ids were already written
            // inside the transaction when it fails.
            var ids = new[] { "101", "102", "oops", "104" }.Select(long.Parse);

            await Assert.ThrowsAsync<FormatException>(async () =>
                await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples(ids) with { RequestId = "bad" }));

            Assert.Equal(0, store.Tombstones.Count);
            Assert.False(store.Tombstones.Contains(101));
            Assert.Null(await store.ForgetRequests.GetAsync("bad"));
        }

        await using var reopened = await _dir.OpenAsync();
        Assert.Equal(0, reopened.Tombstones.Count);
        Assert.Empty(await reopened.ForgetRequests.ListAsync());
        Assert.Empty(await reopened.ForgetRequests.GetSampleIdsAsync("bad"));
    }

    [Fact]
    public async Task CreateAsync_SampleScopeWithLazyEmptyIds_RollsBack()
    {
        await using var store = await _dir.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ForgetRequests.CreateAsync(
            ForgetRequestDraft.ForSamples(Enumerable.Range(0, 3).Where(i => i > 5).Select(i => (long)i))));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([])));

        Assert.Empty(await store.ForgetRequests.ListAsync());
    }

    [Fact]
    public async Task CreateAsync_DuplicateRequestId_ThrowsAndKeepsOriginal()
    {
        await using var store = await _dir.OpenAsync();
        var original = await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1, 2]) with { RequestId = "dup" });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([3]) with { RequestId = "dup" }));

        Assert.Contains("'dup'", ex.Message);
        Assert.Equal(original, await store.ForgetRequests.GetAsync("dup"));
        Assert.False(store.Tombstones.Contains(3));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("a\nb")]
    public async Task CreateAsync_InvalidRequestId_Throws(string requestId)
    {
        await using var store = await _dir.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = requestId }));

        Assert.Equal(0, store.Tombstones.Count);
    }

    [Fact]
    public async Task CreateAsync_ClassAndClientScopes_RoundTripWithoutSamples()
    {
        await using (var store = await _dir.OpenAsync())
        {
            await store.ForgetRequests.CreateAsync(new ForgetRequestDraft { Scope = LocalForgetScope.ForClass(3), RequestId = "c", SampleIds = [5, 6] });
            _dir.Time.Advance(TimeSpan.FromSeconds(1));
            await store.ForgetRequests.CreateAsync(new ForgetRequestDraft { Scope = LocalForgetScope.ForClient(), RequestId = "l" });
        }

        await using var reopened = await _dir.OpenAsync();
        var all = await reopened.ForgetRequests.ListAsync();
        Assert.Equal(["c", "l"], all.Select(r => r.RequestId));
        Assert.Equal(LocalForgetScope.ForClass(3), all[0].Scope);
        Assert.Equal(2, all[0].SampleCount);
        Assert.Equal(LocalForgetScope.ForClient(), all[1].Scope);
        Assert.Equal(0, all[1].SampleCount);
        Assert.Equal([5L, 6], reopened.Tombstones.Snapshot());
    }
}
