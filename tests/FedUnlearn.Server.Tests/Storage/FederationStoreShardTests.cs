using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public sealed class FederationStoreShardTests
{
    [Fact]
    public async Task ShardedRound_CommitsShardVersionsAndCombined_SurvivesReopen()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0, 0));
        var client = (await store.RegisterClientAsync("a")).Client;

        IReadOnlyList<ShardVersionRecord> initial = await store.InitializeShardsAsync(2, 0);
        Assert.Equal(1, await store.AssignShardAsync(client.Id, 1));
        Assert.Equal(1, await store.AssignShardAsync(client.Id, 0)); // a recorded shard is kept
        var round = await store.BeginRoundAsync();
        var committed = await store.CommitShardedRoundAsync(round.Number, [new ShardCommit(1, 1, 5, Params(3, 4))], Params(3, 4), 1);

        Assert.Equal([(0, 0, 0L, 1L), (1, 0, 0L, 2L)], initial.Select(s => (s.Shard, s.Step, s.Samples, s.Version.Version)));
        Assert.Equal((4L, (long?)0), (committed.Version, committed.ParentVersion));
        await store.DisposeAsync();

        var reopened = await fixture.OpenAsync();
        Assert.Equal(2, await reopened.GetShardCountAsync());
        Assert.Equal(committed, await reopened.LatestGlobalVersionAsync());
        Assert.Equal(1, (await reopened.ListShardAssignmentsAsync())[client.Id]);
        IReadOnlyList<ShardVersionRecord> latest = await reopened.LatestShardVersionsAsync();
        Assert.Equal([(0, 0, 0L, 1L), (1, 1, 5L, 3L)], latest.Select(s => (s.Shard, s.Step, s.Samples, s.Version.Version)));
        Assert.Equal((long?)2, latest[1].Version.ParentVersion);
        Assert.Equal(new[] { 3f, 4f }, (await reopened.LoadGlobalAsync(3))["fc1.lora_B"].Data);
        Assert.Equal([0, 1], (await reopened.ListShardVersionsAsync(1)).Select(s => s.Step));
        // Initialising again (a restart) adds nothing.
        Assert.Equal(latest, await reopened.InitializeShardsAsync(2, 0));
    }

    [Fact]
    public async Task InitializeShards_OtherCountOrUnshardedHistory_Refused()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0));
        await store.InitializeShardsAsync(3, 0);

        var other = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeShardsAsync(2, 0));
        Assert.Contains("3 shard(s), not 2", other.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeShardsAsync(1, 0));

        await using var plainFixture = new StoreFixture();
        var plain = await plainFixture.OpenAsync();
        await plain.InitializeGlobalAsync(Params(0));
        await plain.CommitRoundAsync((await plain.BeginRoundAsync()).Number, Params(1), 1);
        Assert.Empty(await plain.InitializeShardsAsync(1, 0));
        var unsharded = await Assert.ThrowsAsync<InvalidOperationException>(() => plain.InitializeShardsAsync(2, 0));
        Assert.Contains("trained unsharded", unsharded.Message);
        Assert.Equal(1, await plain.GetShardCountAsync());
    }

    [Fact]
    public async Task CommitRound_AfterShardVersions_TakesTheNextFreeNumber()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0));
        await store.InitializeShardsAsync(2, 0);

        var committed = await store.CommitRoundAsync((await store.BeginRoundAsync()).Number, Params(1), 0);

        Assert.Equal(3L, committed.Version);
        Assert.Equal(committed, await store.LatestGlobalVersionAsync());
    }
}
