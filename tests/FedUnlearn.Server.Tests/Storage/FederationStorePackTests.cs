using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStorePackTests
{
    [Fact]
    public async Task SubmitTasks_PackedDeltas_OneSealedPackCommittedAndReadBackAfterReopen()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 5);
        Assert.Single(round.PackFiles("*.partial"));
        Assert.Empty(round.PackFiles("*.pack"));

        await round.CommitAsync();

        var pack = Assert.Single(round.PackFiles());
        Assert.EndsWith(".pack", pack);
        // No blob file per delta: the blob directory holds the two global versions only.
        Assert.Equal(2, Directory.GetFiles(Path.Combine(fixture.Directory, "blobs"), "*", SearchOption.AllDirectories).Length);
        await store.DisposeAsync();
        var reopened = await fixture.OpenAsync();
        var contributions = await reopened.ListContributionsAsync(round.Round);
        Assert.Equal([10L, 11, 12, 13, 14], contributions.Select(c => c.SampleCount));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(round.Results[i].Blob!.Hash, contributions[i].BlobHash);
            Assert.Equal(new float[] { 100 + i }, (await reopened.LoadBlobAsync(contributions[i].BlobHash!))["fc1.lora_B"].Data);
        }

        Assert.Equal(5, (await reopened.ListClientDeltasAsync(round.Round)).Count);
    }

    [Fact]
    public async Task SubmitTasks_PackedDeltasOfAnAbandonedRound_SealedAndRecordedWithoutAVersion()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 2);

        var submitted = await store.SubmitTasksAsync(round.Results);
        await store.AbandonRoundAsync(round.Round, "vetoed");
        round.Pack.Dispose();

        Assert.All(submitted, s => Assert.True(s.Stored));
        Assert.Single(round.PackFiles("*.pack"));
        Assert.Equal(0, (await store.LatestGlobalVersionAsync())!.Version);
        Assert.Equal(new float[] { 101 }, (await store.LoadBlobAsync(round.Results[1].Blob!.Hash))["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task CommitRound_WithPackedResultsOfARoundThatCannotCommit_NoDeltaRecorded()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 2);
        await store.AbandonRoundAsync(round.Round, "stopped");

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitRoundAsync(round.Round, Params(1), 2, round.Results));

        Assert.Empty(await store.ListClientDeltasAsync(round.Round));
        Assert.All(await store.ListTasksAsync(round.Round), t => Assert.Equal(TaskState.Expired, t.State));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.LoadBlobAsync(round.Results[0].Blob!.Hash));
    }

    [Fact]
    public async Task LoadBlob_PackedDeltaAlteredOnDisk_CorruptionNamesPackAndOffset()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 3);
        await round.CommitAsync();
        var victim = round.Results[1].Blob!.Hash;
        var path = Assert.Single(round.PackFiles());
        var bytes = await File.ReadAllBytesAsync(path);
        var at = IndexOf(bytes, await EncodedAsync(store, victim)) + 20;
        bytes[at] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);

        var e = await Assert.ThrowsAsync<BlobCorruptedException>(() => store.LoadBlobAsync(victim));

        Assert.Equal(victim, e.ExpectedHash);
        Assert.NotEqual(victim, e.ActualHash);
        Assert.Contains($"pack {Path.GetFileName(path)} at offset", e.Message);
        Assert.Contains("is corrupted", e.Message);
        // The neighbours are verified on their own and still read.
        Assert.Equal(new float[] { 100 }, (await store.LoadBlobAsync(round.Results[0].Blob!.Hash))["fc1.lora_B"].Data);
        Assert.Equal(new float[] { 102 }, (await store.LoadBlobAsync(round.Results[2].Blob!.Hash))["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task LoadBlob_PackTruncated_CorruptionNotAShortRead()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 2);
        await round.CommitAsync();
        var path = Assert.Single(round.PackFiles());
        await using (var file = new FileStream(path, FileMode.Open)) file.SetLength(file.Length - 5);

        var e = await Assert.ThrowsAsync<BlobCorruptedException>(() => store.LoadBlobAsync(round.Results[1].Blob!.Hash));

        Assert.Contains("truncated", e.ActualHash);
    }

    [Fact]
    public async Task SubmitTasks_DeltaPackedForAnotherRound_RefusedAndNothingRecorded()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 1);
        using var wrong = store.OpenDeltaPack(round.Round + 1);
        var blob = await wrong.AppendAsync(Params(5));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SubmitTasksAsync([new TaskResult(round.Results[0].TaskId, blob, 1)]));

        Assert.Contains($"packed for round {round.Round + 1} but answers a task of round {round.Round}", e.Message);
        Assert.Equal(TaskState.Assigned, (await store.GetTaskAsync(round.Results[0].TaskId))!.State);
        Assert.Empty(await store.ListClientDeltasAsync(round.Round));
    }

    [Fact]
    public async Task AppendAsync_AfterSubmission_PackIsSealed()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(store, clients: 1);
        await store.SubmitTasksAsync(round.Results);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => round.Pack.AppendAsync(Params(1)));

        Assert.Contains("sealed", e.Message);
        Assert.Equal(1, round.Pack.Count);
    }

    [Fact]
    public async Task OpenDeltaPack_NoDeltaAppended_NoFileWritten()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0));
        var number = (await store.BeginRoundAsync()).Number;

        using (store.OpenDeltaPack(number)) await store.SubmitTasksAsync([]);

        Assert.Empty(Directory.GetFiles(store.PackDirectory));
    }

    internal static async Task<byte[]> EncodedAsync(FederationStore store, string hash) =>
        ParameterSetCodecs.Default.Encode(await store.LoadBlobAsync(hash));

    internal static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at > 0, "the delta's bytes were not found in the pack");
        return at;
    }
}
