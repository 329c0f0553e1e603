using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>A whole client leaves while offline: its stored deltas are removed from history, the others repair.</summary>
public sealed class ClientScopeRemovalTests
{
    [Fact]
    public async Task OfflineClientRemoval_RecomputesFedAvgWithoutItsDeltas_RunsRepairRound_RevokesToken()
    {
        // Two training rounds, then the runner does the pending campaign and finishes: Completion marks its end.
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.MinClients, o.Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (4, 2, null));
        FakeClient[] all = await ConnectAsync(harness, "a", "b", "c", "d");
        ulong[] samples = [1, 1, 2, 4];
        float[][] deltas = [[1, 2, 3, 8], [0.5f, 1, 0.25f, 4]];
        ClientTask[] round1 = await NextAsync(all, Kind.Train);
        await Task.WhenAll(all.Select((c, i) => c.SubmitAsync(round1[i], TestAdapters.Delta(deltas[0][i]), samples[i])));
        ClientTask[] round2 = await NextAsync(all, Kind.Train);
        await all[3].SubmitAsync(round2[3], TestAdapters.Delta(deltas[1][3]), samples[3]);
        all[3].Dispose(); // d goes offline mid-round, its update already in

        RequestForgetResponse ack = await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-d", Scope = Client("d"), Reason = "contract ended" });
        FakeClient[] rest = all[..3];
        await Task.WhenAll(rest.Select((c, i) => c.SubmitAsync(round2[i], TestAdapters.Delta(deltas[1][i]), samples[i])));

        // With d: 1 + (1+2+6+32)/8 + (0.5+1+0.5+16)/8. Without: 1 + (1+2+6)/4 + (0.5+1+0.5)/4 = +2.75 on every value.
        ClientTask[] repair = await NextAsync(rest, Kind.Train);
        Assert.All(repair, t => Assert.Equal(3UL, t.AdapterVersion));
        ParameterSet corrected = (await rest[0].Rpc.FetchAdapterAsync(3)).Parameters;
        Assert.Equal([3.75f, 4.75f, 5.75f, 6.75f, 7.75f, 8.75f], Values(corrected, "fc.lora_A"));
        Assert.Equal(Enumerable.Repeat(2.75f, 6), Values(corrected, "fc.lora_B"));
        ParameterSet original = (await rest[0].Rpc.FetchAdapterAsync(2)).Parameters;
        Assert.Equal([1 + 5.125f + 2.25f, 2 + 5.125f + 2.25f], Values(original, "fc.lora_A")[..2]);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => all[3].JoinAsync());
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(ClientState.Removed, (await harness.Admin.ListClientsAsync(new ListClientsRequest())).Clients.Single(c => c.ClientId == "d").State);

        await SubmitAllAsync(rest, repair);
        await ReportAllAsync(rest, await NextAsync(rest, Kind.Evaluate), _ => Report(0.8, 100));
        await harness.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ack.TicketId, ForgetState.Completed, "client-removal", 1U), (status.TicketId, status.State, status.Method, status.RoundsCompleted));
        Assert.Equal((2.0, 2.0), (status.Metrics["removal.rounds_replayed"], status.Metrics["removal.rounds_affected"]));
        IReadOnlyList<Contracts.V1.AuditRecord> audit = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Contains("\"client_id\":\"d\"", Assert.Single(audit, r => r.Kind == AuditKinds.ClientRemoved).Body);
        string completed = Assert.Single(audit, r => r.Kind == AuditKinds.ForgetCompleted).Body;
        Assert.Contains("\"removal\":\"recomputed\"", completed);
        Assert.Contains("\"request\":{\"client_id\":\"d\",\"reason\":\"contract ended\",\"scope\":\"client\"}", completed);
    }

    [Fact]
    public async Task Removal_WhenMinUpdatesCountedTheLeavingClient_RepairRoundsNeedOneUpdateLess()
    {
        // Every client must answer a round; once one has left, campaign rounds cannot wait for its update.
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.MinClients, o.MinUpdates, o.Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (3, 3, 1, null));
        FakeClient[] all = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(all, Kind.Train);
        await all[2].SubmitAsync(round1[2], TestAdapters.Delta(1));
        all[2].Dispose(); // c goes offline, its update in

        RequestForgetResponse ack = await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-c", Scope = Client("c") });
        FakeClient[] rest = all[..2];
        await SubmitAllAsync(rest, round1[..2]);
        await SubmitAllAsync(rest, await NextAsync(rest, Kind.Train));
        await ReportAllAsync(rest, await NextAsync(rest, Kind.Evaluate), _ => Report(0.8, 100));
        await harness.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ack.TicketId, ForgetState.Completed, 1U), (status.TicketId, status.State, status.RoundsCompleted));
    }

    [Fact]
    public async Task ClientRequestsItsOwnRemoval_AcceptedAndTheTokenStopsWorkingOnceItRuns()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Rounds, o.Forget.RepairRounds, o.Forget.Verification.MaxTestAccuracyDrop) = (1, 0, null));
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[2].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "bye", Scope = Client("") });
        await SubmitAllAsync(clients, round1);
        ClientTask shutdown = await clients[2].NextTaskAsync();
        await ReportAllAsync(clients[..2], await NextAsync(clients[..2], Kind.Evaluate), _ => Report(0.8, 100));
        await harness.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((Kind.Shutdown, false), (shutdown.KindCase, shutdown.Shutdown.MayReconnect));
        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => clients[2].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        // Round 1 had all three: the other two's deltas alone give 1 + (1+1)/2 = +1 (the FedAvg of identical deltas is unchanged).
        ParameterSet corrected = (await clients[0].Rpc.FetchAdapterAsync(2)).Parameters;
        Assert.Equal([2f, 3, 4, 5, 6, 7], Values(corrected, "fc.lora_A"));
    }

    [Fact]
    public async Task OfflineClientRemoval_NamingRetrain_ResetsAdapterAndRetrainsWithoutTheClientInsteadOfReplaying()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o =>
        {
            (o.MinClients, o.Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (3, 1, null);
            o.Forget.Methods["retrain"].Rounds = 2;
        });
        FakeClient[] all = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(all, Kind.Train);
        await all[2].SubmitAsync(round1[2], TestAdapters.Delta(1));
        all[2].Dispose(); // c goes offline, its update in

        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "leave-c", Scope = Client("c"), Method = "retrain" });
        FakeClient[] rest = all[..2];
        await SubmitAllAsync(rest, round1[..2]);
        // Version 1 is round 1, version 2 the server-side reset (lora_B = 0): the two retraining rounds start from it.
        ClientTask[] retrain1 = await NextAsync(rest, Kind.Train);
        Assert.All(retrain1, t => Assert.Equal(2UL, t.AdapterVersion));
        Assert.All(Values((await rest[0].Rpc.FetchAdapterAsync(2)).Parameters, "fc.lora_B"), v => Assert.Equal(0f, v));
        await SubmitAllAsync(rest, retrain1);
        await SubmitAllAsync(rest, await NextAsync(rest, Kind.Train));
        await ReportAllAsync(rest, await NextAsync(rest, Kind.Evaluate), _ => Report(0.8, 100));
        await harness.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ForgetState.Completed, "retrain", 2U, 2U), (status.State, status.Method, status.RoundsCompleted, status.RoundsPlanned));
        Assert.Equal(0.0, status.Metrics["removal.rounds_replayed"]);
        string completed = Assert.Single(await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest()), r => r.Kind == AuditKinds.ForgetCompleted).Body;
        Assert.Contains("\"removal\":\"retrain\"", completed);
        Assert.DoesNotContain("removal_fallback_reason", completed);
    }
}
