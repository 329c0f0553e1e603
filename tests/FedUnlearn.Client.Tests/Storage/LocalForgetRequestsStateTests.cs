using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Tests.Storage;

public sealed class LocalForgetRequestsStateTests : IDisposable
{
    private readonly TempStoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ListPendingAsync_AfterReopen_ListsUnacknowledgedUntilAcknowledged()
    {
        await using (var store = await _dir.OpenAsync())
        {
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "a" });
            _dir.Time.Advance(TimeSpan.FromSeconds(1));
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([2]) with { RequestId = "b" });
            _dir.Time.Advance(TimeSpan.FromSeconds(1));
            await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([3]) with { RequestId = "c" });
            await store.ForgetRequests.MarkAcknowledgedAsync("b", "ticket-b");
        }

        await using (var store = await _dir.OpenAsync())
        {
            Assert.Equal(new[] { "a", "c" }, (await store.ForgetRequests.ListPendingAsync()).Select(r => r.RequestId));
            _dir.Time.Advance(TimeSpan.FromMinutes(5));
            var acked = await store.ForgetRequests.MarkAcknowledgedAsync("a", "ticket-a");
            Assert.Equal(LocalForgetState.Accepted, acked.State);
            Assert.Equal(_dir.Time.GetUtcNow(), acked.AcknowledgedAt);
        }

        await using var last = await _dir.OpenAsync();
        Assert.Equal(new[] { "c" }, (await last.ForgetRequests.ListPendingAsync()).Select(r => r.RequestId));
        Assert.Equal("a", (await last.ForgetRequests.FindByTicketAsync("ticket-a"))!.RequestId);
    }

    [Fact]
    public async Task MarkAcknowledgedAsync_SameTicketAgain_IsIdempotentAndNeverRegresses()
    {
        await using var store = await _dir.OpenAsync();
        await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "r" });
        var first = await store.ForgetRequests.MarkAcknowledgedAsync("r", "t1");
        _dir.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(first, await store.ForgetRequests.MarkAcknowledgedAsync("r", "t1"));
        await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Running);
        var late = await store.ForgetRequests.MarkAcknowledgedAsync("r", "t1", LocalForgetState.Accepted);

        Assert.Equal(LocalForgetState.Running, late.State);
        Assert.Equal(first.AcknowledgedAt, late.AcknowledgedAt);
    }

    [Fact]
    public async Task MarkAcknowledgedAsync_DifferentTicket_Throws()
    {
        await using var store = await _dir.OpenAsync();
        await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "r" });
        await store.ForgetRequests.MarkAcknowledgedAsync("r", "t1");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.ForgetRequests.MarkAcknowledgedAsync("r", "t2"));

        Assert.Contains("'t1'", ex.Message);
        Assert.Equal("t1", (await store.ForgetRequests.GetAsync("r"))!.TicketId);
    }

    [Fact]
    public async Task UpdateStateAsync_Lifecycle_RecordsStatesAndFinalIsFinal()
    {
        await using var store = await _dir.OpenAsync();
        await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "r" });
        await store.ForgetRequests.MarkAcknowledgedAsync("r", "t");

        await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Running);
        await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Verifying);
        _dir.Time.Advance(TimeSpan.FromHours(1));
        var done = await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Completed);

        Assert.Equal(LocalForgetState.Completed, done.State);
        Assert.Equal(_dir.Time.GetUtcNow(), done.UpdatedAt);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Failed, "late failure"));
        Assert.Equal(done, await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Completed));
    }

    [Fact]
    public async Task UpdateStateAsync_UnacknowledgedToRunning_ThrowsButMayFail()
    {
        await using var store = await _dir.OpenAsync();
        await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "r" });

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Running));
        var failed = await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Failed, "server rejected: INVALID_ARGUMENT");

        Assert.Equal(("server rejected: INVALID_ARGUMENT", LocalForgetState.Failed), (failed.FailureReason, failed.State));
        Assert.Empty(await store.ForgetRequests.ListPendingAsync());
        Assert.True(store.Tombstones.Contains(1)); // a rejected request still keeps the samples out of training
    }

    [Fact]
    public async Task UpdateStateAsync_InvalidArguments_Throw()
    {
        await using var store = await _dir.OpenAsync();
        await store.ForgetRequests.CreateAsync(ForgetRequestDraft.ForSamples([1]) with { RequestId = "r" });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Pending));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ForgetRequests.UpdateStateAsync("r", LocalForgetState.Failed));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.ForgetRequests.UpdateStateAsync("nope", LocalForgetState.Failed, "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ForgetRequests.MarkAcknowledgedAsync("r", "t", LocalForgetState.Pending));
    }
}
