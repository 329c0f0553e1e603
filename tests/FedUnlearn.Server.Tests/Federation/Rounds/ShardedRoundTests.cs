using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;

namespace FedUnlearn.Server.Tests.Federation.Rounds;

/// <summary>Rounds of a sharded federation over real gRPC: each client trains its own shard's adapter.</summary>
public sealed class ShardedRoundTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void ShardOf_IsAPureFunctionOfNameCountAndSeed()
    {
        int[] shards = [.. Enumerable.Range(0, 200).Select(i => ClientShards.ShardOf($"client-{i}", 4))];

        Assert.Equal(shards, Enumerable.Range(0, 200).Select(i => ClientShards.ShardOf($"client-{i}", 4)));
        Assert.All(Enumerable.Range(0, 4), k => Assert.InRange(shards.Count(s => s == k), 30, 70));
        Assert.NotEqual(shards, Enumerable.Range(0, 200).Select(i => ClientShards.ShardOf($"client-{i}", 4, seed: 1)));
    }

    [Fact]
    public async Task ShardedRound_EachClientTrainsItsShardVersion_GlobalIsSampleWeightedMeanOfShards()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Shards, o.MinUpdates) = (2, 3));
        string[] names = ShardNames.Pick(2, 0, 0, 1);
        FakeClient[] clients = await ConnectAsync(harness, names);
        ClientTask[] round1 = await NextAsync(clients, ClientTask.KindOneofCase.Train);

        // Version 0 is the initial global; the shards' initial versions are 1 and 2.
        Assert.Equal([(1UL, 0U), (1UL, 0U), (2UL, 1U)], round1.Select(t => (t.AdapterVersion, t.Train.Shards.Single())));
        Assert.Equal(round1[0].HyperParameters.Seed, round1[1].HyperParameters.Seed);
        Assert.NotEqual(round1[0].HyperParameters.Seed, round1[2].HyperParameters.Seed);
        // An update computed from the served global instead of the shard's adapter is refused.
        RpcException wrongBase = await Assert.ThrowsAsync<RpcException>(() => clients[2].Rpc.SubmitUpdateAsync(
            new SubmitUpdateHeader(FakeClient.Header(round1[2], 4)) { BaseVersion = 0 }, TestAdapters.Delta(2)));
        Assert.Equal(StatusCode.InvalidArgument, wrongBase.StatusCode);
    }

    [Fact]
    public async Task ShardedRound_FoldsPerShard_NextRoundStartsFromEachShardsNewVersion_SurvivesRestart()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Shards, o.MinUpdates) = (2, 3));
        string[] names = ShardNames.Pick(2, 0, 0, 1);
        FakeClient[] clients = await ConnectAsync(harness, names);
        ClientTask[] round1 = await NextAsync(clients, ClientTask.KindOneofCase.Train);
        await Task.WhenAll(
            clients[0].SubmitAsync(round1[0], TestAdapters.Delta(1), samples: 1),
            clients[1].SubmitAsync(round1[1], TestAdapters.Delta(3), samples: 3),
            clients[2].SubmitAsync(round1[2], TestAdapters.Delta(2), samples: 4));
        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        // Shard 0: global + (1·1 + 3·3)/4 = +2.5 (weight 4); shard 1: +2 (weight 4); served: +2.25. Versions 3, 4, then 5.
        Assert.Equal((RoundOutcome.Committed, 5L), (summary.Outcome, summary.CommittedVersion));
        FetchedAdapter served = await clients[0].Rpc.FetchAdapterAsync(0);
        Assert.Equal(5UL, served.Version);
        Assert.Equal(new[] { 3.25f, 4.25f, 5.25f, 6.25f, 7.25f, 8.25f }, served.Parameters["fc.lora_A"].Data);
        Assert.Equal(new[] { 3.5f, 4.5f }, (await clients[0].Rpc.FetchAdapterAsync(3)).Parameters["fc.lora_A"].Data[..2]);
        Assert.Equal(new[] { 3f, 4f }, (await clients[0].Rpc.FetchAdapterAsync(4)).Parameters["fc.lora_A"].Data[..2]);
        ClientTask[] round2 = await NextAsync(clients, ClientTask.KindOneofCase.Train);
        Assert.Equal([3UL, 3UL, 4UL], round2.Select(t => t.AdapterVersion));

        string[] tokens = [.. clients.Select(c => c.Token)];
        await harness.RestartAsync();
        FakeClient[] again = [.. names.Select((n, i) => harness.Reconnect(n, tokens[i]))];
        foreach (FakeClient client in again)
        {
            Assert.Equal(5UL, (await client.JoinAsync()).AdapterVersion);
            await client.SubscribeAsync();
        }

        ClientTask[] round3 = await NextAsync(again, ClientTask.KindOneofCase.Train);
        Assert.Equal([(3UL, 0U), (3UL, 0U), (4UL, 1U)], round3.Select(t => (t.AdapterVersion, t.Train.Shards.Single())));
        // The interrupted round 2 and round 3 train step 2 of each shard: the same seeds.
        Assert.Equal(round2.Select(t => t.HyperParameters.Seed), round3.Select(t => t.HyperParameters.Seed));
    }
}
