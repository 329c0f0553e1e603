using FedUnlearn.Client;
using FedUnlearn.Client.Events;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Audit;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>How requests are taken in: one ticket per idempotency key, and a clear NOT_FOUND for a client the federation does not know.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class ForgetRequestIntakeTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task RequestForget_SameRequestIdAgain_ReturnsTheSameTicketMarkedDuplicate()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, logs: new TestOutputLogs(output));
        var owner = federation.Nodes[0];
        long[] ids = [owner.Data.GetId(4), owner.Data.GetId(9)];
        var first = await owner.Client!.RequestForgetAsync(ids, "erase user 42", requestId: "app-ticket-42");
        Assert.NotNull(first.TicketId);

        // The app retries: the client answers from its store.
        Assert.Equal(first.TicketId, (await owner.Client.RequestForgetAsync(ids, "erase user 42", requestId: "app-ticket-42")).TicketId);

        // The app's store was restored from a backup taken before the request: the server recognises the key.
        await using var restored = await FederationClient.CreateAsync(new FederationClientOptions
        {
            ServerAddress = federation.Running.Address,
            Token = owner.Token,
            ClientId = owner.ClientId,
            DataDirectory = owner.DataDirectory + "-restored",
        }, _ => throw new InvalidOperationException("Not run: this client only sends a request."));
        var acknowledged = new List<ForgetAcknowledgedEventArgs>();
        restored.ForgetAcknowledged += (_, e) => acknowledged.Add(e);
        var again = await restored.RequestForgetAsync(ids, "erase user 42", requestId: "app-ticket-42");
        Assert.Equal(first.TicketId, again.TicketId);
        Assert.True(Assert.Single(acknowledged).Duplicate);

        // The operator's requests are deduplicated the same way.
        var request = new RequestForgetRequest { RequestId = "ops-7", Scope = new ForgetScope { ClassLabel = new ClassScope { Label = 1 } } };
        var adminFirst = await federation.Admin.RequestForgetAsync(request);
        var adminAgain = await federation.Admin.RequestForgetAsync(request);
        Assert.Equal((adminFirst.TicketId, false, true), (adminAgain.TicketId, adminFirst.Duplicate, adminAgain.Duplicate));

        var listed = (await federation.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests;
        Assert.Equal([first.TicketId, adminFirst.TicketId], listed.Select(r => r.TicketId).Order());
        var audit = await federation.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        Assert.Equal(2, audit.Count(r => r.Kind == AuditKinds.ForgetAccepted));
    }

    [Fact]
    public async Task AdminRequestForget_UnknownClient_IsNotFoundAndRecordsNothing()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, logs: new TestOutputLogs(output));

        var refused = await Assert.ThrowsAsync<RpcException>(() => federation.Admin.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = "offboard-ghost",
            Scope = new ForgetScope { Client = new ClientScope { ClientId = "c9" } },
        }));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Contains("c9", refused.Status.Detail);
        Assert.Empty((await federation.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.DoesNotContain(await federation.Admin.ReadAuditLogAsync(new GetAuditLogRequest()), r => r.Kind.StartsWith("forget.", StringComparison.Ordinal));
        // The federation carries on with all its clients.
        var round = await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        Assert.Equal(["c0", "c1", "c2"], round.Contributors.Order());
    }
}
