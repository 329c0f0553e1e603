using System.Text;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>A client's sample-scope request end to end, over real gRPC with fake clients.</summary>
public sealed class SampleScopeCampaignTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RequestForget_MidRound_PersistedBeforeAckWaitsForCommitThenCampaignVerifiesAndCompletes()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);

        // The ids ("patient-4711"...) stay on the client: only the count travels.
        RequestForgetResponse ack = await clients[0].Rpc.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = "req-7f3a", Scope = Samples(3), Reason = "GDPR art. 17 request #123",
        });
        Assert.Equal(("fgt-000001", ForgetState.Accepted, false), (ack.TicketId, ack.State, ack.Duplicate));
        Assert.Equal(["accepted"], await ReadColumnAsync(harness.DataDirectory, "state"));
        Assert.Equal(RunnerState.RoundRunning, harness.Server.State);

        // Round 1 is not interrupted: it commits, then the campaign runs instead of training round 2.
        await SubmitAllAsync(clients, round1);
        Assert.Equal(RoundOutcome.Committed, (await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience)).Outcome);
        ClientTask[] baseline = await NextAsync(clients, Kind.Evaluate);
        Assert.All(baseline, t => Assert.Equal(("fgt-000001", 3UL, 1UL), (t.Evaluate.TicketId, t.Evaluate.Scope.Samples.SampleCount, t.AdapterVersion)));
        await ReportAllAsync(clients, baseline, i => Report(0.8, 100, i == 0 ? 0.9 : null, i == 0 ? 3UL : 0));

        // rfa corrects on the requester alone (SampleScopeCorrectionTests): the others get no unlearning task.
        ClientTask[] unlearn = await NextAsync([clients[0]], Kind.Unlearn);
        Assert.All(unlearn, t => Assert.Equal((UnlearnRole.Forget, "rfa", 1U, 1U, 3UL, 1UL),
            (t.Unlearn.Role, t.Unlearn.Method, t.Unlearn.CampaignRound, t.Unlearn.CampaignRounds, t.Unlearn.Scope.Samples.SampleCount, t.AdapterVersion)));
        Assert.Equal(ForgetState.Running, (await clients[0].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId })).State);
        await SubmitAllAsync([clients[0]], unlearn, value: 2);

        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        Assert.All(verify, t => Assert.Equal(2UL, t.AdapterVersion));
        Assert.Equal(ForgetState.Verifying, (await clients[0].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId })).State);
        await Task.WhenAll(
            ReportAsync(clients[0], verify[0], Report(0.7, 100, 0.2, 3)),
            ReportAsync(clients[1], verify[1], Report(0.9, 300)),
            ReportAsync(clients[2], verify[2], Report(0.5, 100)));

        // Training resumes only once the request is final.
        await NextAsync(clients, Kind.Train);
        ForgetStatus status = await clients[0].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId });
        Assert.Equal((ForgetState.Completed, 1U, 1U, 1.0, "a"), (status.State, status.RoundsCompleted, status.RoundsPlanned, status.Progress, status.RequestedBy));
        Assert.Equal(0.78, status.Verification.TestAccuracy, 12); // (0.7·100 + 0.9·300 + 0.5·100) / 500
        Assert.Equal(0.2, status.Verification.ForgetAccuracy, 12);
        Assert.Equal((3UL, 500UL), (status.Verification.ForgetSamples, status.Verification.TestSamples));
        Assert.Equal(0.8, status.Metrics["baseline.test_accuracy"], 12);
        Assert.Equal(0.02, status.Metrics["test_accuracy_drop"], 12);
        FetchedAdapter v1 = await clients[0].Rpc.FetchAdapterAsync(1), v2 = await clients[0].Rpc.FetchAdapterAsync(2);
        Assert.Equal((v1.ContentHash, v2.ContentHash), (status.AdapterHashBefore, status.AdapterHashAfter));

        await harness.Server.StopAsync();
        string audit = Path.Combine(harness.DataDirectory, AuditLog.FileName);
        AuditVerification verification = await AuditVerifier.VerifyAsync(audit, await File.ReadAllTextAsync(Path.Combine(harness.DataDirectory, AuditSigningKey.PublicKeyFileName)));
        Assert.True(verification.IsValid, verification.ToString());
        string[] lines = await File.ReadAllLinesAsync(audit);
        Assert.Equal(5, lines.Length); // three client.added, forget.accepted, forget.completed
        Assert.Contains("\"kind\":\"forget.accepted\"", lines[3]);
        Assert.Contains("\"kind\":\"forget.completed\"", lines[4]);
        Assert.Contains("\"request\":{\"reason\":\"GDPR art. 17 request #123\",\"requested_by\":\"a\",\"sample_count\":3,\"scope\":\"samples\"}", lines[4]);
        Assert.Contains($"\"adapter_hash_after\":\"{v2.ContentHash}\"", lines[4]);
        Assert.Contains("\"forget_samples\":\"3\"", lines[4]);
        Assert.Contains("\"test_samples\":\"500\"", lines[4]);

        // Nothing stored names a sample, and the caller's request id is kept only as a hash.
        string stored = Encoding.Latin1.GetString([.. Directory.GetFiles(harness.DataDirectory, "federation.db*").SelectMany(File.ReadAllBytes)])
            + await File.ReadAllTextAsync(audit);
        Assert.DoesNotContain("patient-", stored);
        Assert.DoesNotContain("req-7f3a", stored);
        Assert.Equal(["completed"], await ReadColumnAsync(harness.DataDirectory, "state"));
        Assert.Equal(["3"], await ReadColumnAsync(harness.DataDirectory, "sample_count"));
    }

    [Fact]
    public async Task RequestForget_SameRequestIdAgain_SameTicketMarkedDuplicate_OtherClientsCannotSeeIt()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient a = await harness.AddClientAsync("a"), b = await harness.AddClientAsync("b");
        var request = new RequestForgetRequest { RequestId = "r1", Scope = Samples(2) };

        RequestForgetResponse first = await a.Rpc.RequestForgetAsync(request);
        RequestForgetResponse again = await a.Rpc.RequestForgetAsync(request);
        RequestForgetResponse otherClientSameId = await b.Rpc.RequestForgetAsync(request);

        Assert.Equal((first.TicketId, true), (again.TicketId, again.Duplicate));
        Assert.False(first.Duplicate);
        Assert.NotEqual(first.TicketId, otherClientSameId.TicketId);
        var hidden = await Assert.ThrowsAsync<Rpc.RpcException>(() => b.Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = first.TicketId }));
        Assert.Equal(Rpc.StatusCode.NotFound, hidden.StatusCode);
        ListForgetRequestsResponse page = await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest { PageSize = 1 });
        Assert.Equal((otherClientSameId.TicketId, "1"), (Assert.Single(page.Requests).TicketId, page.NextPageToken));
        Assert.Equal(2U, (await harness.Admin.GetFederationStatusAsync()).ForgetRequestsOpen);
        IReadOnlyList<Contracts.V1.AuditRecord> audit = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Equal(2, audit.Count(r => r.Kind == AuditKinds.ForgetAccepted));
    }

    [Fact]
    public async Task RequestForget_SameRequestIdConcurrently_OneTicketAndOneAcceptanceRecord()
    {
        // A client re-sends its pending requests when it connects, possibly while the app's own send is in flight.
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient a = await harness.AddClientAsync("a");
        var request = new RequestForgetRequest { RequestId = "r1", Scope = Samples(2) };

        RequestForgetResponse[] acks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => a.Rpc.RequestForgetAsync(request)));

        Assert.Single(acks.Select(r => r.TicketId).Distinct());
        Assert.Equal(7, acks.Count(r => r.Duplicate));
        IReadOnlyList<Contracts.V1.AuditRecord> audit = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Single(audit, r => r.Kind == AuditKinds.ForgetAccepted);
    }

    [Fact]
    public async Task RetrainMethod_AdapterReinitialisedServerSideThenRoundsFromIt()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Forget.Methods["retrain"].Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (1, null));
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "x", Scope = Samples(4), Method = "retrain" });
        await SubmitAllAsync(clients, round1);

        ClientTask[] retrain = await NextAsync(clients, Kind.Unlearn);
        Assert.All(retrain, t => Assert.Equal(("retrain", 2UL), (t.Unlearn.Method, t.AdapterVersion)));
        // The server already reset the adapter: every client round continues that retraining.
        Assert.All(retrain, t => Assert.Equal("false", t.Unlearn.MethodOptions["reset"]));
        Assert.Equal(UnlearnRole.Forget, retrain[1].Unlearn.Role);
        Contracts.Parameters.ParameterSet reset = (await clients[0].Rpc.FetchAdapterAsync(2)).Parameters;
        Assert.All(reset["fc.lora_B"].Data, v => Assert.Equal(0f, v));
        Assert.All(reset["fc.lora_A"].Data, v => Assert.InRange(v, -1 / MathF.Sqrt(3), 1 / MathF.Sqrt(3)));
        await SubmitAllAsync(clients, retrain);
        await ReportAllAsync(clients, await NextAsync(clients, Kind.Evaluate), i => Report(0.8, 100, i == 1 ? 0.75 : null, i == 1 ? 4UL : 0));
        await NextAsync(clients, Kind.Train);

        ForgetStatus status = await clients[1].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId });
        Assert.Equal((ForgetState.Completed, 1U, 0.75), (status.State, status.RoundsCompleted, status.Verification.ForgetAccuracy));
        FetchedAdapter after = await clients[0].Rpc.FetchAdapterAsync(3);
        Assert.Equal(after.ContentHash, status.AdapterHashAfter);
    }
}
