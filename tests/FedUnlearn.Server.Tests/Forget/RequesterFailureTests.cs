using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>
/// The requesting client cannot run the method on what it has left (e.g. rfa's other-class-mean target
/// when it forgets all of its samples of other classes): the request fails with the client's own reason.
/// </summary>
public sealed class RequesterFailureTests
{
    [Fact]
    public async Task SampleRequest_RequesterTaskFails_RequestFailsWithTheClientsReason()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o =>
            (o.MinClients, o.MinUpdates, o.Rounds, o.Forget.MaxRoundAttempts, o.Forget.Verification.MaxTestAccuracyDrop) = (2, 1, 1, 1, null));
        FakeClient[] clients = await ConnectAsync(harness, "a", "b");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[0].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "all-poisoned", Scope = Samples(40) });
        await SubmitAllAsync(clients, round1);

        ClientTask[] unlearn = await NextAsync([clients[0]], Kind.Unlearn);
        SubmitUpdateHeader failure = FakeClient.Header(unlearn[0], 0);
        failure.Error = new ErrorDetail
        {
            Code = "invalid_argument",
            Message = "RFA target 'other-class-mean' needs retained samples of a class other than 0; use target=random or target=uniform-kl.",
        };
        await clients[0].Rpc.SubmitUpdateAsync(failure, update: null);
        await harness.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        ForgetStatus status = await clients[0].Rpc.GetForgetStatusAsync(new GetForgetStatusRequest { TicketId = ack.TicketId });
        Assert.Equal(ForgetState.Failed, status.State);
        Assert.Equal("1 campaign round(s) in a row were abandoned; the last: round 2: the requesting client 'a' returned no accepted update: its task failed: "
            + "invalid_argument: RFA target 'other-class-mean' needs retained samples of a class other than 0; use target=random or target=uniform-kl.",
            status.FailureReason);
    }
}
