using FedUnlearn.Server.Storage;
using FedUnlearn.Server.Tests.Storage;

namespace FedUnlearn.Server.Tests.Federation.Storage;

/// <summary>The batched task calls and round listing the round runner uses.</summary>
public sealed class FederationStoreBatchTests
{
    [Fact]
    public async Task SubmitTasksAsync_StagedBlobs_StoresDeltasInOneBatchAndIsIdempotent()
    {
        await using var fixture = new StoreFixture();
        FederationStore store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(StoreFixture.Params(0, 0));
        ClientRegistration a = await store.RegisterClientAsync("a"), b = await store.RegisterClientAsync("b");
        RoundRecord round = await store.BeginRoundAsync();

        IReadOnlyList<TaskRecord> created = await store.CreateTasksAsync(round.Number, TaskKind.Train, [("t-a", a.Client.Id), ("t-b", b.Client.Id)]);
        using StagedBlob blobA = await store.StageBlobAsync(StoreFixture.Params(1, 2));
        using StagedBlob blobB = await store.StageBlobAsync(StoreFixture.Params(3, 4));
        IReadOnlyList<TaskSubmission> first = await store.SubmitTasksAsync([new TaskResult("t-a", blobA, 5), new TaskResult("t-b", blobB, 7)]);
        IReadOnlyList<TaskSubmission> again = await store.SubmitTasksAsync([new TaskResult("t-a", blobB, 9)]);

        Assert.All(created, t => Assert.Equal(TaskState.Assigned, t.State));
        Assert.All(first, s => Assert.True(s.Stored));
        Assert.False(Assert.Single(again).Stored);
        Assert.Equal(5L, again[0].Task.SampleCount);
        IReadOnlyList<ClientDeltaRecord> deltas = await store.ListClientDeltasAsync(round.Number);
        Assert.Equal([("t-a", blobA.Hash), ("t-b", blobB.Hash)], deltas.Select(d => (d.TaskId, d.BlobHash)));
        var loaded = await store.LoadBlobAsync(deltas[1].BlobHash);
        Assert.Equal([3f, 4f], loaded["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task CreateTasksAsync_UnknownClient_CreatesNone()
    {
        await using var fixture = new StoreFixture();
        FederationStore store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(StoreFixture.Params(0));
        ClientRegistration a = await store.RegisterClientAsync("a");
        RoundRecord round = await store.BeginRoundAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateTasksAsync(round.Number, TaskKind.Train, [("t-a", a.Client.Id), ("t-x", "nobody")]));

        Assert.Empty(await store.ListTasksAsync(round.Number));
    }

    [Fact]
    public async Task ListRoundsAsync_Pages_NewestFirst()
    {
        await using var fixture = new StoreFixture();
        FederationStore store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(StoreFixture.Params(0));
        for (int i = 0; i < 3; i++) await store.AbandonRoundAsync((await store.BeginRoundAsync()).Number, "test");

        IReadOnlyList<RoundRecord> page1 = await store.ListRoundsAsync(null, 2);
        IReadOnlyList<RoundRecord> page2 = await store.ListRoundsAsync(page1[^1].Number, 2);

        Assert.Equal([3L, 2L], page1.Select(r => r.Number));
        Assert.Equal([1L], page2.Select(r => r.Number));
    }
}
