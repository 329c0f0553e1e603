using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStoreRetentionTests
{
    [Fact]
    public async Task Prune_KeepLastTwoOfFourRounds_OlderDeltasAndTheirBlobsRemoved()
    {
        await using var fixture = new StoreFixture(retainedDeltaRounds: 2);
        var store = await fixture.OpenAsync();
        var client = (await store.RegisterClientAsync("a")).Client.Id;
        await store.InitializeGlobalAsync(Params(0));
        var deltaHashes = new List<string>();
        for (var r = 1; r <= 4; r++)
        {
            var round = await store.BeginRoundAsync();
            await store.CreateTaskAsync($"t{r}", round.Number, client, TaskKind.Train);
            deltaHashes.Add((await store.SubmitTaskAsync($"t{r}", Params(100 + r), 1)).Task.BlobHash!);
            await store.CommitRoundAsync(round.Number, Params(r), 1);
        }
        var orphan = Path.Combine(fixture.Directory, "blobs", "ab", "ab" + new string('c', 62));
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllBytesAsync(orphan, new byte[10]);
        var prunedSize = deltaHashes.Take(2).Sum(h => new FileInfo(store.BlobPath(h)).Length) + 10;

        var report = await store.PruneAsync();

        Assert.Equal(new PruneReport(DeltasRemoved: 2, BlobsDeleted: 3, BytesFreed: prunedSize), report);
        Assert.Empty(await store.ListClientDeltasAsync(1));
        Assert.Empty(await store.ListClientDeltasAsync(2));
        Assert.Single(await store.ListClientDeltasAsync(3));
        Assert.Single(await store.ListClientDeltasAsync(4));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.LoadBlobAsync(deltaHashes[0]));
        Assert.Equal(new float[] { 103f }, (await store.LoadBlobAsync(deltaHashes[2]))["fc1.lora_B"].Data);
        for (var v = 0; v <= 4; v++) Assert.Equal(new float[] { (float)v }, (await store.LoadGlobalAsync(v))["fc1.lora_B"].Data);
        Assert.False(File.Exists(orphan));
        // The task keeps its record (and idempotent answer) after its bytes are gone.
        Assert.Equal(deltaHashes[0], (await store.GetTaskAsync("t1"))!.BlobHash);
    }

    [Fact]
    public async Task Prune_NothingOld_RemovesNothing()
    {
        await using var fixture = new StoreFixture(retainedDeltaRounds: 5);
        var (store, round, client) = await FederationStoreTaskTests.StartedRoundAsync(fixture);
        await store.CreateTaskAsync("t", round, client, TaskKind.Train);
        await store.SubmitTaskAsync("t", Params(9), 1);

        Assert.Equal(new PruneReport(0, 0, 0), await store.PruneAsync());
        Assert.Single(await store.ListClientDeltasAsync(round));
    }
}
