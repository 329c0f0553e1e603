using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStoreTaskTests
{
    [Fact]
    public async Task SubmitTask_Twice_SecondReturnsFirstResult()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        await store.CreateTaskAsync("t1", round, client, TaskKind.Train);

        var first = await store.SubmitTaskAsync("t1", Params(1, 2), sampleCount: 40);
        fixture.Time.Advance(TimeSpan.FromSeconds(9));
        var second = await store.SubmitTaskAsync("t1", Params(7, 7), sampleCount: 999);

        Assert.True(first.Stored);
        Assert.False(second.Stored);
        Assert.Equal(first.Task, second.Task);
        Assert.Equal((TaskState.Submitted, 40L), (second.Task.State, second.Task.SampleCount));
        Assert.Equal(new float[] { 1f, 2f }, (await store.LoadBlobAsync(second.Task.BlobHash!))["fc1.lora_B"].Data);
        Assert.Equal("t1", Assert.Single(await store.ListClientDeltasAsync(round)).TaskId);
    }

    [Fact]
    public async Task SubmitTask_ConcurrentDuplicates_ExactlyOneStored()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        await store.CreateTaskAsync("t1", round, client, TaskKind.Train);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.SubmitTaskAsync("t1", Params(i), 1)));

        Assert.Single(results, r => r.Stored);
        Assert.Single(results.Select(r => r.Task.BlobHash).Distinct());
    }

    [Fact]
    public async Task SubmitTask_IdenticalUpdates_OneBlobOnDisk()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        await store.CreateTaskAsync("t1", round, client, TaskKind.Train);
        await store.CreateTaskAsync("t2", round, client, TaskKind.Unlearn);

        var a = await store.SubmitTaskAsync("t1", Params(3, 3), 1);
        var b = await store.SubmitTaskAsync("t2", Params(3, 3), 1);

        Assert.Equal(a.Task.BlobHash, b.Task.BlobHash);
        var blobFiles = Directory.EnumerateFiles(Path.Combine(fixture.Directory, "blobs"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".tmp", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, blobFiles.Count); // the global version and the shared update
    }

    [Fact]
    public async Task LoadBlob_TamperedFile_DetectedByHash()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var v0 = await store.InitializeGlobalAsync(Params(1, 2, 3));
        var path = store.BlobPath(v0.BlobHash);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<BlobCorruptedException>(() => store.LoadGlobalAsync(0));

        Assert.Equal(v0.BlobHash, e.ExpectedHash);
        Assert.NotEqual(v0.BlobHash, e.ActualHash);
    }

    [Fact]
    public async Task SubmitTask_AfterRoundCommitted_NotStoredAndExpired()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        await store.CreateTaskAsync("late", round, client, TaskKind.Train);
        await store.CommitRoundAsync(round, Params(5), 0);

        var submission = await store.SubmitTaskAsync("late", Params(1), 1);

        Assert.Equal((false, TaskState.Expired), (submission.Stored, submission.Task.State));
        Assert.Empty(await store.ListClientDeltasAsync(round));
    }

    [Fact]
    public async Task FailTask_SubmittedUpdateRejected_ReasonKeptAndDeltaDropped()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        await store.CreateTaskAsync("t1", round, client, TaskKind.Train);
        await store.SubmitTaskAsync("t1", Params(float.NaN), 1);

        var task = await store.FailTaskAsync("t1", TaskState.Rejected, "tensor 'fc1.lora_B' has 1 non-finite value");
        var replay = await store.SubmitTaskAsync("t1", Params(1), 1);

        Assert.Equal((TaskState.Rejected, "tensor 'fc1.lora_B' has 1 non-finite value"), (task.State, task.Reason));
        Assert.Equal((false, TaskState.Rejected), (replay.Stored, replay.Task.State));
        Assert.Empty(await store.ListClientDeltasAsync(round));
    }

    [Fact]
    public async Task CreateTask_UnknownClientOrReusedIdElsewhere_Throws()
    {
        await using var fixture = new StoreFixture();
        var (store, round, client) = await StartedRoundAsync(fixture);
        var task = await store.CreateTaskAsync("t1", round, client, TaskKind.Evaluate);

        Assert.Equal(task, await store.CreateTaskAsync("t1", round, client, TaskKind.Evaluate));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateTaskAsync("t1", round, client, TaskKind.Train));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateTaskAsync("t2", round, "ghost", TaskKind.Train));
        Assert.Equal(new[] { "t1" }, (await store.ListTasksAsync(round)).Select(t => t.TaskId));
    }

    internal static async Task<(FederationStore Store, long Round, string Client)> StartedRoundAsync(StoreFixture fixture)
    {
        var store = await fixture.OpenAsync();
        var client = await store.RegisterClientAsync("client-a");
        await store.InitializeGlobalAsync(Params(0, 0));
        var round = await store.BeginRoundAsync();
        return (store, round.Number, client.Client.Id);
    }
}
