using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>sharded-exact with real client nodes and learners: an offline client leaves, only its shard is retrained, exactly.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class ShardedRemovalTests(FederationFixture fixture, ITestOutputHelper output)
{
    // A seed that puts c0 alone in shard 0 and c1 with the leaving c2 in shard 1: after the removal every shard has one client.
    private static readonly int Seed = Enumerable.Range(0, 1000).First(s =>
        ClientShards.ShardOf("c0", 2, s) == 0 && ClientShards.ShardOf("c1", 2, s) == 1 && ClientShards.ShardOf("c2", 2, s) == 1);

    [Fact]
    public async Task OfflineClientLeaves_ItsShardRetrainedByTheOthers_EqualToAShardThatNeverHadIt()
    {
        string hashAfter;
        int shardRounds;
        await using (var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3,
            o => (o.Shards, o.Seed, o.MinUpdates, o.RoundDeadline) = (2, Seed, 2, TimeSpan.FromSeconds(3)), new TestOutputLogs(output)))
        {
            await federation.Running.WaitForRoundAsync(2).WaitAsync(FederationHarness.Patience);
            await federation.Nodes[2].StopAsync();
            await FederationHarness.WaitUntilAsync(async () => await federation.ClientStateAsync("c2") == ClientState.Offline, "c2 offline");

            var ack = await federation.Admin.RequestForgetAsync(new RequestForgetRequest
            {
                RequestId = "offboard-c2",
                Scope = new ForgetScope { Client = new ClientScope { ClientId = "c2" } },
            });
            var status = await federation.WaitForOutcomeAsync(ack.TicketId);

            Assert.True(status.State == ForgetState.Completed, $"The request ended {status.State}: {status.FailureReason}");
            Assert.Equal("sharded-exact", status.Method);
            var completed = Assert.Single(await federation.Admin.ReadAuditLogAsync(new GetAuditLogRequest()), r => r.Kind == AuditKinds.ForgetCompleted).Body;
            Assert.Contains("\"shards_retrained\":\"1\"", completed);
            shardRounds = int.Parse(Field(completed, "shard_rounds"), System.Globalization.CultureInfo.InvariantCulture);
            hashAfter = Field(completed, "shard_hash_after");
            Assert.True(shardRounds >= 2, completed);
            Assert.Equal((uint)shardRounds, status.RoundsCompleted);
            Assert.NotEqual(Field(completed, "shard_hash_before"), hashAfter);
            var verified = await federation.VerifyAuditAsync();
            Assert.True(verified.IsValid, verified.ToString());
        }

        // The same c0 and c1 (same data, same server seed) in a federation that never had c2, for as many rounds.
        await using var reference = await FederationHarness.StartAsync(fixture.Data, clients: 2,
            o => (o.Shards, o.Seed, o.Rounds) = (2, Seed, shardRounds), new TestOutputLogs(output), partitions: 3);
        await reference.Running.Completion.WaitAsync(FederationHarness.Patience);
        await reference.StopServerAsync();
        await using var store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = reference.ServerDirectory });
        var shard1 = await store.ListShardVersionsAsync(1);
        Assert.Equal(hashAfter, shard1.Single(v => v.Step == shardRounds).Version.ContentHash);
    }

    private static string Field(string body, string name)
    {
        var at = body.IndexOf($"\"{name}\":\"", StringComparison.Ordinal) + name.Length + 4;
        return body[at..body.IndexOf('"', at)];
    }
}
