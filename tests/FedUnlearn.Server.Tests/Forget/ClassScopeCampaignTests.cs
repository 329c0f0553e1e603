using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>Operator class-scope requests: K campaign rounds, verification policy, restart mid-campaign, audit tampering.</summary>
public sealed class ClassScopeCampaignTests
{
    private static void TwoRoundsNoBaseline(Hosting.FederationServerOptions o)
    {
        o.Forget.Methods[ForgetMethods.NablaTau].Rounds = 2;
        o.Forget.Methods[ForgetMethods.NablaTau].Options["tau"] = "3";
        o.Forget.Verification.MaxTestAccuracyDrop = null;
    }

    [Fact]
    public async Task AdminClassRequest_RunsKRoundsWithForgetRoles_VerifiesAndCompletes()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(TwoRoundsNoBaseline);
        RequestForgetResponse ack = await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3), Method = "nabla-tau" });
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");

        for (uint k = 1; k <= 2; k++)
        {
            ClientTask[] unlearn = await NextAsync(clients, Kind.Unlearn);
            Assert.All(unlearn, t => Assert.Equal((UnlearnRole.Forget, "nabla-tau", "3", 3, k, 2U, (ulong)k - 1),
                (t.Unlearn.Role, t.Unlearn.Method, t.Unlearn.MethodOptions["tau"], t.Unlearn.Scope.ClassLabel.Label, t.Unlearn.CampaignRound, t.Unlearn.CampaignRounds, t.AdapterVersion)));
            await SubmitAllAsync(clients, unlearn);
        }

        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        Assert.All(verify, t => Assert.Equal((3, true), (t.Evaluate.Scope.ClassLabel.Label, t.Evaluate.MembershipInference)));
        await ReportAllAsync(clients, verify, i => Report(0.8, 100, forget: i == 0 ? 0.0 : 0.1, forgetSamples: 10));
        await NextAsync(clients, Kind.Train);

        ListForgetRequestsResponse list = await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest { State = ForgetState.Completed });
        ForgetStatus status = Assert.Single(list.Requests);
        Assert.Equal((ack.TicketId, 2U, "", "nabla-tau"), (status.TicketId, status.RoundsCompleted, status.RequestedBy, status.Method));
        Assert.Equal(0.2 / 3, status.Verification.ForgetAccuracy, 12); // (0·10 + 0.1·10 + 0.1·10) / 30
        ListRoundsResponse rounds = await harness.Admin.ListRoundsAsync(new ListRoundsRequest());
        Assert.Equal([RoundKind.Train, RoundKind.Evaluate, RoundKind.Unlearn, RoundKind.Unlearn], rounds.Rounds.Select(r => r.Kind));
        Assert.All(rounds.Rounds.Skip(1), r => Assert.Equal(ack.TicketId, r.TicketId));
    }

    [Fact]
    public async Task ClassRequest_RepairRoundsConfigured_NoTrainingRoundBeforeOrAfterTheUnlearningRound()
    {
        // A training round cannot leave a forgotten class out (measured: one brought class 3 back to 88%).
        await using ServerHarness harness = await ServerHarness.StartAsync(o =>
        {
            o.Forget.Methods[ForgetMethods.NablaTau].RepairRounds = 2;
            o.Forget.Verification.MaxTestAccuracyDrop = null;
        });
        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3), Method = "nabla-tau" });
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");

        ClientTask[] unlearn = await NextAsync(clients, Kind.Unlearn);
        Assert.All(unlearn, t => Assert.Equal((0UL, 1U, 1U), (t.AdapterVersion, t.Unlearn.CampaignRound, t.Unlearn.CampaignRounds)));
        await SubmitAllAsync(clients, unlearn);
        Assert.All(await NextAsync(clients, Kind.Evaluate), t => Assert.Equal(1UL, t.AdapterVersion));
    }

    [Fact]
    public async Task ClassRequest_ClientDeclaringNoSamplesOfTheClass_GetsRetainRole()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.MinClients, o.Forget.Verification.MaxTestAccuracyDrop) = (2, null));
        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3) });
        FakeClient a = await harness.AddClientAsync("a"), b = await harness.AddClientAsync("b");
        await a.Rpc.JoinAsync(new JoinRequest { ClientId = "a", Capabilities = new ClientCapabilities { SampleCount = 10, ClassCounts = { [3] = 4, [5] = 6 } } });
        await b.Rpc.JoinAsync(new JoinRequest { ClientId = "b", Capabilities = new ClientCapabilities { SampleCount = 10, ClassCounts = { [5] = 10 } } });
        await a.SubscribeAsync();
        await b.SubscribeAsync();

        ClientTask[] unlearn = await NextAsync([a, b], Kind.Unlearn);

        Assert.Equal([UnlearnRole.Forget, UnlearnRole.Retain], unlearn.Select(t => t.Unlearn.Role));
    }

    [Fact]
    public async Task Verification_ForgetAccuracyAboveThePolicy_FailsWithReasonAndAuditRecord()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.Forget.Verification.MaxTestAccuracyDrop = null);
        RequestForgetResponse ack = await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3), Reason = "poisoned label" });
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        await SubmitAllAsync(clients, await NextAsync(clients, Kind.Unlearn));
        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        await ReportAllAsync(clients, verify, _ => Report(0.8, 100, forget: 0.6, forgetSamples: 10));
        await NextAsync(clients, Kind.Train);

        IReadOnlyList<Contracts.V1.AuditRecord> audit = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal(ForgetState.Failed, status.State);
        Assert.Equal("verification failed: forget accuracy 0.6 is above the policy's maximum 0.1", status.FailureReason);
        Contracts.V1.AuditRecord failed = Assert.Single(audit, r => r.Kind == AuditKinds.ForgetFailed);
        Assert.Equal(ack.TicketId, failed.TicketId);
        Assert.Contains("\"failure_reason\":\"verification failed: forget accuracy 0.6 is above the policy's maximum 0.1\"", failed.Body);
        Assert.Contains("\"request\":{\"class_label\":3,\"reason\":\"poisoned label\",\"scope\":\"class\"}", failed.Body);
    }

    [Fact]
    public async Task ServerRestart_MidCampaign_CampaignResumesWithTheInterruptedRoundAndFinishes()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(TwoRoundsNoBaseline);
        RequestForgetResponse ack = await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3), Method = "nabla-tau" });
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        await SubmitAllAsync(clients, await NextAsync(clients, Kind.Unlearn), value: 1);
        ClientTask[] second = await NextAsync(clients, Kind.Unlearn);
        Assert.Equal(2U, second[0].Unlearn.CampaignRound);
        await clients[0].SubmitAsync(second[0], TestAdapters.Delta(100));

        string[] tokens = [.. clients.Select(c => c.Token)];
        await harness.RestartAsync();
        FakeClient[] again = [.. new[] { "a", "b", "c" }.Select((id, i) => harness.Reconnect(id, tokens[i]))];
        foreach (FakeClient client in again)
        {
            await client.JoinAsync();
            await client.SubscribeAsync();
        }

        ClientTask[] resumed = await NextAsync(again, Kind.Unlearn);
        Assert.All(resumed, t => Assert.Equal((2U, 2U, 1UL), (t.Unlearn.CampaignRound, t.Unlearn.CampaignRounds, t.AdapterVersion)));
        Assert.True(resumed[0].Round > second[0].Round);
        await SubmitAllAsync(again, resumed, value: 1);
        await ReportAllAsync(again, await NextAsync(again, Kind.Evaluate), _ => Report(0.8, 100, forget: 0.0, forgetSamples: 10));
        await NextAsync(again, Kind.Train);

        ForgetStatus status = Assert.Single((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Equal((ack.TicketId, ForgetState.Completed, 2U), (status.TicketId, status.State, status.RoundsCompleted));
        // The interrupted round's update (100) never counted: global A = [1..6] + 1 + 1.
        float[] a = (await again[0].Rpc.FetchAdapterAsync(2)).Parameters["fc.lora_A"].Data;
        Assert.Equal([3f, 4, 5, 6, 7, 8], a);
        IReadOnlyList<Contracts.V1.AuditRecord> audit = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Single(audit, r => r.Kind == AuditKinds.ForgetCompleted);
        Assert.Single(audit, r => r.Kind == AuditKinds.ForgetAccepted);
    }

    [Fact]
    public async Task AuditVerify_OneForgetRecordTampered_VerifierNamesThatRecord()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        await harness.AddClientAsync("a");
        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-1", Scope = Class(3) });
        await harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "op-2", Scope = Class(4) });
        await harness.Server.StopAsync();
        string path = Path.Combine(harness.DataDirectory, AuditLog.FileName);
        string[] lines = await File.ReadAllLinesAsync(path);
        Assert.Contains("\"class_label\":3", lines[1]);
        lines[1] = lines[1].Replace("\"class_label\":3", "\"class_label\":5", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(path, lines);

        AuditVerification result = await AuditVerifier.VerifyAsync(path, await File.ReadAllTextAsync(Path.Combine(harness.DataDirectory, AuditSigningKey.PublicKeyFileName)));

        Assert.Equal((AuditFailureKind.HashMismatch, 2L, 1L), (result.Failure!.Kind, result.Failure.Sequence, result.RecordCount));
    }
}
