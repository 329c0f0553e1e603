using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Tests.Federation.Support;

namespace FedUnlearn.Server.Tests.Federation.Endpoints;

public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Status_AndClients_ReflectAdmittedAndConnectedClients()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient online = await harness.AddClientAsync("online");
        await harness.AddClientAsync("admitted");
        await online.JoinAsync(samples: 42);
        await online.SubscribeAsync();

        FederationStatus status = await harness.Admin.GetFederationStatusAsync();
        ListClientsResponse page1 = await harness.Admin.ListClientsAsync(new ListClientsRequest { PageSize = 1 });
        ListClientsResponse page2 = await harness.Admin.ListClientsAsync(new ListClientsRequest { PageSize = 1, PageToken = page1.NextPageToken });

        Assert.Equal((2U, 1U, 0UL, 0U), (status.ClientsAdmitted, status.ClientsOnline, status.AdapterVersion, status.ForgetRequestsOpen));
        Assert.Equal(TestAdapters.Global().ContentHash(), status.AdapterHash);
        Assert.Equal(("admitted", ClientState.Admitted), (page1.Clients[0].ClientId, page1.Clients[0].State));
        Assert.Equal(("online", "ONLINE", ClientState.Online, 42UL), (page2.Clients[0].ClientId, page2.Clients[0].DisplayName, page2.Clients[0].State, page2.Clients[0].Capabilities.SampleCount));
        Assert.Equal("", page2.NextPageToken);
    }

    [Fact]
    public async Task AuditLog_AfterAddClient_StreamsASignedClientAddedRecord()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        await harness.AddClientAsync("a");
        await harness.AddClientAsync("b");

        IReadOnlyList<AuditRecord> all = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest());
        IReadOnlyList<AuditRecord> fromSecond = await harness.Admin.ReadAuditLogAsync(new GetAuditLogRequest { FromSequence = 2, Limit = 1 });

        Assert.Equal([1UL, 2UL], all.Select(r => r.Sequence));
        Assert.All(all, r => Assert.Equal("client.added", r.Kind));
        Assert.Equal(all[0].Hash, all[1].PreviousHash);
        Assert.Equal(128, all[0].Signature.Length);
        Assert.Contains("\"client_id\":\"b\"", Assert.Single(fromSecond).Body);
    }

    [Fact]
    public async Task ForgetRequests_WithoutScope_InvalidArgumentAndNothingListed()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient client = await harness.AddClientAsync("a");

        RpcException fromClient = await Assert.ThrowsAsync<RpcException>(() => client.Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r1" }));
        RpcException fromAdmin = await Assert.ThrowsAsync<RpcException>(() => harness.Admin.RequestForgetAsync(new RequestForgetRequest { RequestId = "r1" }));
        ListForgetRequestsResponse list = await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest());

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (fromClient.StatusCode, fromAdmin.StatusCode));
        Assert.Contains("no scope", fromClient.Status.Detail);
        Assert.Empty(list.Requests);
    }
}
