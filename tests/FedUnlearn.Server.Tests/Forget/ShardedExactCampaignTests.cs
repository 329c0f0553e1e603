using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.DeterministicTrainer;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>sharded-exact in a sharded federation: only the affected shard is retrained, and it ends as if the forgotten data never was.</summary>
public sealed class ShardedExactCampaignTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // a alone in shard 0; x, b and c in shard 1 (sample counts keep every FedAvg division exact).
    private static readonly string[] Names = ShardNames.Pick(2, 0, 1, 1, 1);
    private static readonly Dictionary<string, (float Target, ulong Samples)> Data = new()
    {
        [Names[0]] = (1, 4), [Names[1]] = (8, 2), [Names[2]] = (2, 1), [Names[3]] = (-1, 1),
    };

    [Fact]
    public async Task OfflineClientRemoval_RetrainsOnlyItsShard_BitIdenticalToAFederationThatNeverHadTheClient()
    {
        await using ServerHarness with = await ServerHarness.StartAsync(Sharded(minClients: 4));
        FakeClient[] all = await ConnectAsync(with, Names);
        for (int round = 1; round <= 2; round++) await TrainInOrderAsync(all, await NextAsync(all, Kind.Train), Data);
        ClientTask[] round3 = await NextAsync(all, Kind.Train);
        await TrainAsync(all[1], round3[1], Data[Names[1]].Target, Data[Names[1]].Samples);
        all[1].Dispose(); // x goes offline for good, its last update in

        RequestForgetResponse ack = await with.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-x", Scope = Client(Names[1]) });
        FakeClient[] rest = [all[0], all[2], all[3]];
        await TrainInOrderAsync(rest, [round3[0], round3[2], round3[3]], Data);
        // The campaign: shard 1 reset, then its three rounds again with b and c only; a is not asked.
        FakeClient[] shard1 = [all[2], all[3]];
        for (int round = 1; round <= 3; round++) await TrainInOrderAsync(shard1, await NextAsync(shard1, Kind.Train), Data);
        await ReportAllAsync(rest, await NextAsync(rest, Kind.Evaluate), _ => Report(0.8, 100));
        await with.Server.Completion.WaitAsync(Patience);

        ForgetStatus status = Assert.Single((await with.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ack.TicketId, ForgetState.Completed, "sharded-exact", 3U), (status.TicketId, status.State, status.Method, status.RoundsCompleted));
        IReadOnlyList<Contracts.V1.AuditRecord> audit = await with.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        string completed = Assert.Single(audit, r => r.Kind == AuditKinds.ForgetCompleted).Body;
        Assert.Contains("\"method\":\"sharded-exact\"", completed);
        Assert.Contains("\"shards_retrained\":\"1\"", completed);
        Assert.Contains("\"shard_rounds\":\"3\"", completed);
        Assert.Single(audit, r => r.Kind == AuditKinds.ClientRemoved);
        Federation after = await ReadAsync(with);

        await using ServerHarness without = await ServerHarness.StartAsync(Sharded(minClients: 3));
        FakeClient[] others = await ConnectAsync(without, Names[0], Names[2], Names[3]);
        for (int round = 1; round <= 3; round++) await TrainInOrderAsync(others, await NextAsync(others, Kind.Train), Data);
        await without.Server.Completion.WaitAsync(Patience);
        Federation reference = await ReadAsync(without);

        Assert.Equal(reference.Shards.Select(s => s.Step), after.Shards.Select(s => s.Step));
        for (int shard = 0; shard < 2; shard++)
            Assert.Equal(Bits(reference.Adapters[shard]), Bits(after.Adapters[shard]));
        Assert.Equal(reference.Global.ContentHash(), after.Global.ContentHash());
        // x mattered: shard 1 before the forget was another adapter; shard 0 was never touched by the campaign.
        Assert.NotEqual(reference.Shards[1].Version.ContentHash, ContentField(completed, "shard_hash_before"));
        Assert.Equal(3L, after.Shards[0].Version.Round);
    }

    [Fact]
    public async Task SampleScope_RetrainsTheRequestersShardOnItsRemainingData_EqualToTrainingWithoutTheSamples()
    {
        // b holds (target 2, 1 sample) then forgets samples: what remains trains as (target 3, 2 samples) — the fake learner's "data".
        var remaining = new Dictionary<string, (float Target, ulong Samples)>(Data) { [Names[2]] = (3, 2) };
        await using ServerHarness with = await ServerHarness.StartAsync(Sharded(minClients: 3, rounds: 2));
        FakeClient[] clients = await ConnectAsync(with, Names[0], Names[2], Names[3]);
        await TrainInOrderAsync(clients, await NextAsync(clients, Kind.Train), Data);
        ClientTask[] round2 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "mine", Scope = Samples(1) });
        await TrainInOrderAsync(clients, round2, Data);
        FakeClient[] shard1 = clients[1..];
        for (int round = 1; round <= 2; round++) await TrainInOrderAsync(shard1, await NextAsync(shard1, Kind.Train), remaining);
        await ReportAllAsync(clients, await NextAsync(clients, Kind.Evaluate), _ => Report(0.8, 100));
        await with.Server.Completion.WaitAsync(Patience);
        ForgetStatus status = Assert.Single((await with.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ack.TicketId, ForgetState.Completed, "sharded-exact", 2U), (status.TicketId, status.State, status.Method, status.RoundsCompleted));
        Federation after = await ReadAsync(with);

        await using ServerHarness without = await ServerHarness.StartAsync(Sharded(minClients: 3, rounds: 2));
        FakeClient[] again = await ConnectAsync(without, Names[0], Names[2], Names[3]);
        for (int round = 1; round <= 2; round++) await TrainInOrderAsync(again, await NextAsync(again, Kind.Train), remaining);
        await without.Server.Completion.WaitAsync(Patience);
        Federation reference = await ReadAsync(without);

        Assert.Equal(Bits(reference.Adapters[1]), Bits(after.Adapters[1]));
        Assert.Equal(Bits(reference.Adapters[0]), Bits(after.Adapters[0]));
        Assert.Equal((2L, 2), (after.Shards[0].Version.Round!.Value, after.Shards[1].Step));
    }

    [Fact]
    public async Task ClientRemoval_LastClientOfItsShard_ShardEmptiedAndLeftOutOfTheServedAdapter()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(Sharded(minClients: 3, rounds: 1));
        FakeClient[] clients = await ConnectAsync(harness, Names[0], Names[2], Names[3]);
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        await TrainAsync(clients[0], round1[0], Data[Names[0]].Target, Data[Names[0]].Samples);
        clients[0].Dispose();
        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-a", Scope = Client(Names[0]) });
        await TrainInOrderAsync(clients[1..], round1[1..], Data);
        await ReportAllAsync(clients[1..], await NextAsync(clients[1..], Kind.Evaluate), _ => Report(0.8, 100));
        await harness.Server.Completion.WaitAsync(Patience);

        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ForgetState.Completed, 0U), (status.State, status.RoundsCompleted));
        Federation after = await ReadAsync(harness);
        Assert.Equal((0, 0L), (after.Shards[0].Step, after.Shards[0].Samples));
        Assert.Equal(TestAdapters.Global().ContentHash(), after.Adapters[0].ContentHash());
        // Only shard 1 holds samples now: the served adapter is exactly its adapter.
        Assert.Equal(after.Adapters[1].ContentHash(), after.Global.ContentHash());
    }

    [Fact]
    public async Task Campaign_ServerRestartsMidRetraining_ResumesWithoutASecondReset_SameShardAsNeverHavingTheClient()
    {
        string[] names = [Names[0], Names[1], Names[2]]; // a in shard 0; x (leaving) and b in shard 1
        await using ServerHarness with = await ServerHarness.StartAsync(Sharded(minClients: 3, rounds: 2));
        FakeClient[] all = await ConnectAsync(with, names);
        await TrainInOrderAsync(all, await NextAsync(all, Kind.Train), Data);
        ClientTask[] round2 = await NextAsync(all, Kind.Train);
        await TrainAsync(all[1], round2[1], Data[Names[1]].Target, Data[Names[1]].Samples);
        all[1].Dispose();
        await with.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-x", Scope = Client(Names[1]) });
        await TrainInOrderAsync([all[0], all[2]], [round2[0], round2[2]], Data);
        ClientTask firstRetrain = await all[2].NextTaskAsync();
        await TrainAsync(all[2], firstRetrain, Data[Names[2]].Target, Data[Names[2]].Samples);
        await with.Server.WaitForRoundAsync((long)firstRetrain.Round).WaitAsync(Patience);

        string[] tokens = [all[0].Token, all[2].Token];
        await with.RestartAsync();
        FakeClient[] again = [with.Reconnect(names[0], tokens[0]), with.Reconnect(names[2], tokens[1])];
        foreach (FakeClient client in again)
        {
            await client.JoinAsync();
            await client.SubscribeAsync();
        }

        ClientTask secondRetrain = await again[1].NextTaskAsync();
        Assert.Equal((Kind.Train, 1U), (secondRetrain.KindCase, secondRetrain.Train.Shards.Single()));
        await TrainAsync(again[1], secondRetrain, Data[Names[2]].Target, Data[Names[2]].Samples);
        await ReportAllAsync(again, await NextAsync(again, Kind.Evaluate), _ => Report(0.8, 100));
        await with.Server.Completion.WaitAsync(Patience);
        ForgetStatus status = Assert.Single((await with.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ForgetState.Completed, 2U), (status.State, status.RoundsCompleted));
        Federation after = await ReadAsync(with);

        await using ServerHarness without = await ServerHarness.StartAsync(Sharded(minClients: 2, rounds: 2));
        FakeClient[] others = await ConnectAsync(without, Names[0], Names[2]);
        for (int round = 1; round <= 2; round++) await TrainInOrderAsync(others, await NextAsync(others, Kind.Train), Data);
        await without.Server.Completion.WaitAsync(Patience);
        Federation reference = await ReadAsync(without);

        Assert.Equal(Bits(reference.Adapters[1]), Bits(after.Adapters[1]));
        Assert.Equal(2, after.Shards[1].Step);
    }

    [Fact]
    public async Task ShardedFederation_ClassScopeAndOtherMethods_RefusedWithFailedPrecondition()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(Sharded(minClients: 2));
        FakeClient[] clients = await ConnectAsync(harness, Names[0], Names[2]);

        RpcException forClass = await Assert.ThrowsAsync<RpcException>(() => harness.Admin.RequestForgetAsync(new RequestForgetRequest { Scope = Class(1) }));
        RpcException approximate = await Assert.ThrowsAsync<RpcException>(() => clients[1].Rpc.RequestForgetAsync(
            new RequestForgetRequest { Scope = Samples(3), Method = "rfa" }));

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (forClass.StatusCode, approximate.StatusCode));
        Assert.Contains("cannot forget a class", forClass.Status.Detail);
        Assert.Contains("'rfa' would only edit the served combination", approximate.Status.Detail);
    }

    private static Action<Hosting.FederationServerOptions> Sharded(int minClients, int rounds = 3) => o =>
        (o.Shards, o.MinClients, o.MinUpdates, o.Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (2, minClients, 1, rounds, null);

    private static int[] Bits(ParameterSet set) => [.. set.SelectMany(t => t.Data).Select(BitConverter.SingleToInt32Bits)];

    private static string ContentField(string body, string name)
    {
        int at = body.IndexOf($"\"{name}\":\"", StringComparison.Ordinal) + name.Length + 4;
        return body[at..body.IndexOf('"', at)];
    }

    private sealed record Federation(IReadOnlyList<ShardVersionRecord> Shards, ParameterSet[] Adapters, ParameterSet Global);

    /// <summary>Stops the server and reads its shard adapters and served global from the store, as an auditor would.</summary>
    private static async Task<Federation> ReadAsync(ServerHarness harness)
    {
        await harness.Server.StopAsync();
        await using FederationStore store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = harness.DataDirectory });
        IReadOnlyList<ShardVersionRecord> shards = await store.LatestShardVersionsAsync();
        ParameterSet[] adapters = [.. await Task.WhenAll(shards.Select(s => store.LoadGlobalAsync(s.Version.Version)))];
        ParameterSet global = await store.LoadGlobalAsync((await store.LatestGlobalVersionAsync())!.Version);
        return new Federation(shards, adapters, global);
    }
}
