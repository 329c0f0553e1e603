using FedUnlearn.Client;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Audit;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>A participant leaves while offline: its contributions are taken out server-side, the others repair, its token stops working.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class ClientRemovalTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AdminRequestForget_OfflineClient_RemovesItsDeltasRepairsWithTheOthersAndRefusesItsToken()
    {
        // A round the leaving client was asked to train waits for it until the deadline: keep that short.
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, o => o.RoundDeadline = TimeSpan.FromSeconds(3),
            new TestOutputLogs(output));
        var (stay, leaving) = (federation.Nodes.Take(2).ToArray(), federation.Nodes[2]);
        await federation.Running.WaitForRoundAsync(2).WaitAsync(FederationHarness.Patience);
        await leaving.StopAsync();
        await FederationHarness.WaitUntilAsync(async () => await federation.ClientStateAsync("c2") == ClientState.Offline, "c2 offline");
        var from = stay.Select(n => n.Data.NextOrdinal).ToArray();

        var ack = await federation.Admin.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = "offboard-c2",
            Scope = new ForgetScope { Client = new ClientScope { ClientId = "c2" } },
            Reason = "data-sharing agreement ended",
        });
        var status = await federation.WaitForOutcomeAsync(ack.TicketId);

        Assert.True(status.State == ForgetState.Completed, $"The request ended {status.State}: {status.FailureReason}");
        Assert.Equal(("client-removal", 1U), (status.Method, status.RoundsCompleted));
        // c2 trained in rounds 1 and 2 (and perhaps the round in flight when it left); each is replayed without it.
        Assert.True(status.Metrics["removal.rounds_affected"] >= 2, $"{status.Metrics}");
        Assert.Equal(status.Metrics["removal.rounds_replayed"], status.Metrics["removal.rounds_affected"]);
        Assert.NotEqual(status.AdapterHashBefore, status.AdapterHashAfter);
        Assert.Equal(ClientState.Removed, await federation.ClientStateAsync("c2"));

        // Everything the campaign ran after the removal involved the two remaining clients only, who trained again (the repair).
        var campaign = federation.Running.RecentRounds.Where(r => r.StartedAt >= status.CreatedAt.ToDateTimeOffset()).ToList();
        Assert.NotEmpty(campaign);
        Assert.All(campaign, r => Assert.DoesNotContain("c2", r.Selected));
        Assert.Contains(campaign, r => r.Outcome == Server.Rounds.RoundOutcome.Committed && r.Contributors.Order().SequenceEqual(["c0", "c1"]));
        Assert.All(stay, (node, i) => Assert.Contains(node.Data.Tasks, t => t.Ordinal >= from[i] && t.Kind == ClientTaskKind.Train));

        var audit = await federation.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Contains("\"client_id\":\"c2\"", Assert.Single(audit, r => r.Kind == AuditKinds.ClientRemoved).Body);
        Assert.Contains("\"removal\":\"recomputed\"", Assert.Single(audit, r => r.Kind == AuditKinds.ForgetCompleted).Body);
        var verified = await federation.VerifyAuditAsync();
        Assert.True(verified.IsValid, verified.ToString());

        // The app restarts with its old token: refused for good.
        await leaving.StartAsync(federation.Running.Address);
        var refused = await Assert.ThrowsAsync<FederationClientException>(() => leaving.Running.WaitAsync(FederationHarness.Patience));
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(refused.InnerException).StatusCode);
    }
}
