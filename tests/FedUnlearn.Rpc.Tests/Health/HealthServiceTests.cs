using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Health;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos.Health;
using ServingStatus = FedUnlearn.Rpc.Tests.Protos.Health.HealthCheckResponse.Types.ServingStatus;

namespace FedUnlearn.Rpc.Tests.Health;

/// <summary>grpc.health.v1.Health over the transport, with the test copy of health.proto.</summary>
public sealed class HealthServiceTests : IAsyncLifetime
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check = new(MethodType.Unary, HealthServiceDefinition.ServiceName, "Check");
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Watch = new(MethodType.ServerStreaming, HealthServiceDefinition.ServiceName, "Watch");
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(20);
    private readonly HealthReporter _reporter = new();
    private GrpcServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = new GrpcServer();
        _server.AddService(HealthServiceDefinition.Create<HealthCheckRequest, HealthCheckResponse>(
            _reporter, request => request.Service, status => new HealthCheckResponse { Status = (ServingStatus)status }));
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Check_WholeServer_Serving()
    {
        HealthCheckResponse response = await _channel.UnaryAsync(Check, new HealthCheckRequest());

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_RegisteredService_ReportsItsStatus()
    {
        _reporter.SetStatus("fedunlearn.v1.Federation", HealthStatus.NotServing);

        HealthCheckResponse response = await _channel.UnaryAsync(Check, new HealthCheckRequest { Service = "fedunlearn.v1.Federation" });

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(Check, new HealthCheckRequest { Service = "nope" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_UnknownThenServingThenNotServing_StreamsEachChange()
    {
        using var cts = new CancellationTokenSource(SafetyNet);
        using ServerStreamingCall<HealthCheckResponse> call = _channel.ServerStreamingCall(Watch, new HealthCheckRequest { Service = "svc" },
            new CallOptions { CancellationToken = cts.Token });
        await using IAsyncEnumerator<HealthCheckResponse> updates = call.ResponseStream.GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.ServiceUnknown, updates.Current.Status);
        _reporter.SetStatus("svc", HealthStatus.Serving);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.Serving, updates.Current.Status);
        _reporter.SetAllNotServing();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, updates.Current.Status);
    }

    [Fact]
    public async Task Reporter_WatchCancelled_WatcherRemovedAndLaterChangesHarmless()
    {
        using var cts = new CancellationTokenSource();
        IAsyncEnumerator<HealthStatus> watch = _reporter.WatchAsync("x", cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(HealthStatus.ServiceUnknown, watch.Current);

        ValueTask<bool> next = watch.MoveNextAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await watch.DisposeAsync();
        _reporter.SetStatus("x", HealthStatus.Serving);
        Assert.Equal(HealthStatus.Serving, _reporter.GetStatus("x"));
        Assert.Throws<ArgumentException>(() => _reporter.SetStatus("x", HealthStatus.ServiceUnknown));
    }
}
