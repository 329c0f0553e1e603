using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Tests.Federation.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FedUnlearn.Server.Tests.Federation.Admission;

public sealed class AdmissionTests
{
    [Fact]
    public async Task Join_ValidToken_ReturnsRegisteredIdAndServerConfig()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.ChunkSize = 64 * 1024);
        FakeClient client = await harness.AddClientAsync("hospital-a");

        JoinResponse joined = await client.Rpc.JoinAsync(new JoinRequest());

        Assert.Equal("hospital-a", joined.ClientId);
        Assert.Equal(0UL, joined.AdapterVersion);
        Assert.Equal(("fedunlearn", 65536U, "mlp", 2U), (joined.Config.FederationName, joined.Config.ChunkSize, joined.Config.Model.Architecture, joined.Config.Model.Lora.Rank));
        Assert.Equal(TimeSpan.FromSeconds(30), joined.Config.HeartbeatInterval.ToTimeSpan());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef.forged-secret")]
    public async Task Join_MissingOrUnknownToken_Unauthenticated(string? token)
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        await harness.AddClientAsync("hospital-a");
        var client = new FederationRpcClient(harness.Channel, token);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => client.JoinAsync(new JoinRequest { ClientId = "hospital-a" }));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task Join_AnotherClientsId_PermissionDenied()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient a = await harness.AddClientAsync("a");
        await harness.AddClientAsync("b");

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => a.Rpc.JoinAsync(new JoinRequest { ClientId = "b" }));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task AdminCalls_WithoutTheAdminToken_Unauthenticated()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient client = await harness.AddClientAsync("a");

        RpcException withClientToken = await Assert.ThrowsAsync<RpcException>(() => new AdminRpcClient(harness.Channel, client.Token).GetFederationStatusAsync());
        RpcException withWrongToken = await Assert.ThrowsAsync<RpcException>(() => new AdminRpcClient(harness.Channel, "wrong-admin-token-0123456789").AddClientAsync(new AddClientRequest()));
        RpcException adminOnFederation = await Assert.ThrowsAsync<RpcException>(() => new FederationRpcClient(harness.Channel, ServerHarness.AdminToken).JoinAsync(new JoinRequest()));

        Assert.All([withClientToken, withWrongToken, adminOnFederation], e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
    }

    [Fact]
    public async Task AddClient_ExistingOrInvalidId_AlreadyExistsOrInvalidArgument()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        await harness.AddClientAsync("a");

        RpcException duplicate = await Assert.ThrowsAsync<RpcException>(() => harness.Admin.AddClientAsync(new AddClientRequest { ClientId = "a" }));
        RpcException invalid = await Assert.ThrowsAsync<RpcException>(() => harness.Admin.AddClientAsync(new AddClientRequest { ClientId = "has space" }));
        AddClientResponse generated = await harness.Admin.AddClientAsync(new AddClientRequest());

        Assert.Equal((StatusCode.AlreadyExists, StatusCode.InvalidArgument), (duplicate.StatusCode, invalid.StatusCode));
        Assert.Matches("^client-[0-9a-f]{8}$", generated.ClientId);
        Assert.NotEqual(generated.ClientId, generated.Token);
    }

    [Fact]
    public async Task HealthCheck_WithoutToken_ServingForServerAndServices()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        var health = new HealthRpcClient(harness.Channel);

        Assert.Equal(ServingStatus.Serving, await health.CheckAsync());
        Assert.Equal(ServingStatus.Serving, await health.CheckAsync(FederationMethods.ServiceName));
        Assert.Equal(ServingStatus.Serving, await health.CheckAsync(AdminMethods.ServiceName));
        RpcException unknown = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync("no.Such"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task HealthWatch_StatusChanges_AreStreamed()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        using ServerStreamingCall<Grpc.Health.V1.HealthCheckResponse> watch = new HealthRpcClient(harness.Channel).Watch("custom");
        await using IAsyncEnumerator<Grpc.Health.V1.HealthCheckResponse> updates = watch.ResponseStream.GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.ServiceUnknown, updates.Current.Status);
        harness.Server.Health.SetStatus("custom", ServingStatus.NotServing);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, updates.Current.Status);
    }
}
