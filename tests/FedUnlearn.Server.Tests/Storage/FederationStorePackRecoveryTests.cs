using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStorePackRecoveryTests
{
    [Fact]
    public async Task Reopen_KilledBeforeRoundClose_NoCommittedRoundAndPartialPackGone()
    {
        await using var fixture = new StoreFixture();
        var crashed = await fixture.OpenAsync();
        var committed = await PackedRound.StartAsync(crashed, clients: 2);
        await committed.CommitAsync();
        var inFlight = await PackedRound.StartAsync(crashed, clients: 3);
        Assert.Single(inFlight.PackFiles("*.partial"));
        // The server dies here: the pack is neither sealed nor disposed. A new process opens the directory.

        var restarted = await fixture.OpenAsync();

        Assert.Equal(committed.Round, (await restarted.LatestCommittedRoundAsync())!.Number);
        Assert.Equal(1, await restarted.RecoverInterruptedRoundsAsync());
        Assert.Empty(inFlight.PackFiles("*.partial"));
        Assert.Empty(await restarted.ListClientDeltasAsync(inFlight.Round));
        foreach (var result in inFlight.Results)
            await Assert.ThrowsAsync<FileNotFoundException>(() => restarted.LoadBlobAsync(result.Blob!.Hash));
        foreach (var result in committed.Results)
            Assert.NotNull(await restarted.LoadBlobAsync(result.Blob!.Hash));
    }

    [Fact]
    public async Task Reopen_PowerLostTheSealsRename_RecordedPackRenamedAndRead()
    {
        await using var fixture = new StoreFixture();
        var crashed = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(crashed, clients: 2);
        await round.CommitAsync();
        var sealedPath = Assert.Single(round.PackFiles());
        // The seal's rename is not fsynced on its own: after a power loss the file may carry its old name.
        File.Move(sealedPath, Path.ChangeExtension(sealedPath, ".partial"));

        var restarted = await fixture.OpenAsync();

        Assert.Equal(sealedPath, Assert.Single(round.PackFiles()));
        Assert.Equal(new float[] { 101 }, (await restarted.LoadBlobAsync(round.Results[1].Blob!.Hash))["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task Reopen_KilledBetweenSealAndCommit_PackNeverReadAndPrunedAsOrphan()
    {
        await using var fixture = new StoreFixture();
        var crashed = await fixture.OpenAsync();
        var round = await PackedRound.StartAsync(crashed, clients: 2);
        await round.Pack.Writer.SealAsync(CancellationToken.None);
        var orphanSize = new FileInfo(Assert.Single(round.PackFiles("*.pack"))).Length;
        // Killed before the transaction recording the pack's entries.

        var restarted = await fixture.OpenAsync();
        await restarted.RecoverInterruptedRoundsAsync();

        await Assert.ThrowsAsync<FileNotFoundException>(() => restarted.LoadBlobAsync(round.Results[0].Blob!.Hash));
        var report = await restarted.PruneAsync();
        Assert.Equal(new PruneReport(0, 0, orphanSize) { PacksDeleted = 1 }, report);
        Assert.Empty(round.PackFiles());
    }

    [Fact]
    public async Task Prune_KeepLastTwoOfFourPackedRounds_OlderPacksDeletedNewerRead()
    {
        await using var fixture = new StoreFixture(retainedDeltaRounds: 2);
        var store = await fixture.OpenAsync();
        var rounds = new List<PackedRound>();
        var sizes = new List<long>();
        for (var r = 0; r < 4; r++)
        {
            var round = await PackedRound.StartAsync(store, clients: 3);
            await round.CommitAsync();
            rounds.Add(round);
            sizes.Add(new FileInfo(Assert.Single(round.PackFiles($"r{round.Round:D10}-*.pack"))).Length);
        }
        // A round in progress keeps its pack even though no row references it yet.
        var open = await PackedRound.StartAsync(store, clients: 1);
        await open.Pack.Writer.SealAsync(CancellationToken.None);

        var report = await store.PruneAsync();

        // Round 5 (the open one) is the newest: rounds 1-3 fall outside the window of 2.
        Assert.Equal(new PruneReport(DeltasRemoved: 9, BlobsDeleted: 0, BytesFreed: sizes.Take(3).Sum()) { PacksDeleted = 3 }, report);
        Assert.Equal(2, open.PackFiles("*.pack").Length);
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.LoadBlobAsync(rounds[0].Results[0].Blob!.Hash));
        Assert.Equal(new float[] { 402 }, (await store.LoadBlobAsync(rounds[3].Results[2].Blob!.Hash))["fc1.lora_B"].Data);
        Assert.Null(Assert.Single(await store.ListContributionsAsync(rounds[0].Round), c => c.SampleCount == 10).BlobHash);
        for (var v = 0; v <= 4; v++) Assert.Equal(new float[] { v }, (await store.LoadGlobalAsync(v))["fc1.lora_B"].Data);

        await store.SubmitTasksAsync(open.Results);
        open.Pack.Dispose();
        Assert.Equal(new float[] { 500 }, (await store.LoadBlobAsync(open.Results[0].Blob!.Hash))["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task Open_StoreBeforePacksWithBlobDeltas_MigratedOldDeltasReadAndPrunedBesidePacks()
    {
        await using var fixture = new StoreFixture(retainedDeltaRounds: 1);
        var old = await fixture.OpenAsync();
        var client = (await old.RegisterClientAsync("legacy")).Client.Id;
        await old.InitializeGlobalAsync(Params(0));
        var first = (await old.BeginRoundAsync()).Number;
        await old.CreateTaskAsync("legacy-t", first, client, TaskKind.Train);
        using (var staged = await old.StageBlobAsync(Params(77)))
            await old.SubmitTasksAsync([new TaskResult("legacy-t", staged, 3)]);
        await old.CommitRoundAsync(first, Params(1), 1);
        var legacyHash = (await old.GetTaskAsync("legacy-t"))!.BlobHash!;
        await old.DisposeAsync();
        // Make the directory what a schema-3 server left (before delta packs): no pack tables, no pack directory.
        using (var raw = fixture.RawConnection())
        using (var downgrade = raw.CreateCommand())
        {
            downgrade.CommandText = "DROP TABLE pack_entries; DROP TABLE delta_packs; UPDATE schema_version SET version = 3;";
            downgrade.ExecuteNonQuery();
        }
        Directory.Delete(Path.Combine(fixture.Directory, "packs"));

        var store = await fixture.OpenAsync();

        Assert.True(File.Exists(store.BlobPath(legacyHash)));
        Assert.Equal(new float[] { 77 }, (await store.LoadBlobAsync(legacyHash))["fc1.lora_B"].Data);
        Assert.Equal(legacyHash, Assert.Single(await store.ListContributionsAsync(first)).BlobHash);
        var packed = await PackedRound.StartAsync(store, clients: 1);
        await packed.CommitAsync();
        var legacySize = new FileInfo(store.BlobPath(legacyHash)).Length;

        Assert.Equal(new PruneReport(1, 1, legacySize), await store.PruneAsync());
        Assert.False(File.Exists(store.BlobPath(legacyHash)));
        Assert.Equal(new float[] { 200 }, (await store.LoadBlobAsync(packed.Results[0].Blob!.Hash))["fc1.lora_B"].Data);
    }
}
