using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>An amnesiac request: the requester alone gets the task, with its FedAvg weight of every training round.</summary>
public sealed class AmnesiacCampaignTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RequestForget_Amnesiac_RequesterAloneGetsItsRoundWeights_ItsAdapterIsCommittedAsIs()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ulong[][] samples = [[10, 30, 60], [20, 20, 60]];
        foreach (ulong[] counts in samples[..1])
        {
            ClientTask[] tasks = await NextAsync(clients, Kind.Train);
            await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(tasks[i], TestAdapters.Delta(1), counts[i])));
        }

        ClientTask[] round2 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[0].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Samples(4), Method = "amnesiac" });
        // Client b's round-2 update is rejected (a non-finite value): it carries no weight, and the others' weights leave it out.
        await Assert.ThrowsAsync<FedUnlearn.Rpc.RpcException>(() => clients[1].SubmitAsync(round2[1], TestAdapters.Make([float.NaN, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]), samples[1][1]));
        await Task.WhenAll(clients.Select((c, i) => i == 1 ? Task.CompletedTask : c.SubmitAsync(round2[i], TestAdapters.Delta(1), samples[1][i])));
        await harness.Server.WaitForRoundAsync(2).WaitAsync(Patience);
        await ReportAllAsync(clients, await NextAsync(clients, Kind.Evaluate), _ => Report(0.8, 100));

        ClientTask unlearn = await clients[0].NextTaskAsync();
        Assert.Equal((Kind.Unlearn, "amnesiac", UnlearnRole.Forget), (unlearn.KindCase, unlearn.Unlearn.Method, unlearn.Unlearn.Role));
        Assert.Equal(("1:0.1,2:0.25", ack.TicketId), (unlearn.Unlearn.MethodOptions["round-weights"], unlearn.Unlearn.MethodOptions["ticket"]));
        await clients[0].SubmitAsync(unlearn, TestAdapters.Delta(-0.5f), 4);

        // The next task of b and c is the verification: they took no part in the subtraction.
        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        FetchedAdapter before = await clients[0].Rpc.FetchAdapterAsync(unlearn.AdapterVersion), after = await clients[0].Rpc.FetchAdapterAsync(verify[0].AdapterVersion);
        foreach (var tensor in after.Parameters)
            Assert.Equal(before.Parameters[tensor.Name].Data.Select(v => v - 0.5f), tensor.Data);
        await ReportAllAsync(clients, verify, _ => Report(0.8, 100));
        await NextAsync(clients, Kind.Train);
        ForgetStatus status = await clients[0].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId });
        Assert.Equal((ForgetState.Completed, 1U, "amnesiac"), (status.State, status.RoundsCompleted, status.Method));
        await harness.Server.StopAsync();
        string completed = (await File.ReadAllLinesAsync(Path.Combine(harness.DataDirectory, FedUnlearn.Server.Audit.AuditLog.FileName)))[^1];
        Assert.Contains("\"kind\":\"forget.completed\"", completed);
        Assert.Contains("\"amnesiac_rounds\":\"2\",\"amnesiac_weights\":\"fedavg sample weights\"", completed);
        Assert.Contains("\"method\":\"amnesiac\"", completed);
    }

    [Fact]
    public async Task RequestForget_AmnesiacForAClass_IsRefusedAtValidation()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        await ConnectAsync(harness, "a");

        var refused = await Assert.ThrowsAsync<FedUnlearn.Rpc.RpcException>(() =>
            harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Class(2), Method = "amnesiac" }));

        Assert.Equal(FedUnlearn.Rpc.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("amnesiac undoes one client's own recorded batches", refused.Status.Detail);
    }
}
