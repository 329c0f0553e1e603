using System.Collections.Concurrent;
using System.Threading.Channels;
using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Server.Interceptors;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Client.Tests.Support;

/// <summary>
/// An in-process Federation service on a real Kestrel server (127.0.0.1:0), built from the Rpc
/// library and the shared method descriptors. It records everything clients send and lets a test
/// push tasks, end streams and inject faults.
/// </summary>
internal sealed partial class FakeFederationServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<ClientTask?>> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestForgetResponse> _tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _submittedTaskIds = new(StringComparer.Ordinal);
    private GrpcServer? _server;
    private int _port;

    public const string Token = "token-of-alice-0123456789";

    public FakeFederationServer() => _tokens[Token] = "alice";

    public Uri Address => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{_port}");

    private System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;

    /// <summary>When true, RequestForget answers UNIMPLEMENTED (a server without forget support).</summary>
    public bool ForgetUnimplemented { get; set; }

    public ServerConfig Config { get; } = new()
    {
        FederationName = "fake-federation",
        ChunkSize = 64,
        MaxUpdateSize = 1 << 20,
        Model = new ModelSpec { Architecture = "mlp", NumClasses = 10 },
    };

    public ConcurrentDictionary<ulong, ParameterSet> Adapters { get; } = new();

    public Channel<JoinRequest> Joins { get; } = Channel.CreateUnbounded<JoinRequest>();

    public Channel<string> Subscriptions { get; } = Channel.CreateUnbounded<string>();

    public Channel<Submission> Submissions { get; } = Channel.CreateUnbounded<Submission>();

    public Channel<RequestForgetRequest> ForgetRequests { get; } = Channel.CreateUnbounded<RequestForgetRequest>();

    public int FetchCount;

    public int SubmitAttempts;

    /// <summary>When set, the first SubmitUpdate attempt fails with UNAVAILABLE after this many chunks (a broken upload).</summary>
    public int? BreakFirstUploadAfterChunks { get; set; }

    /// <summary>When set, every SubmitUpdate signals <see cref="UploadArrived"/> and then waits for this (or its cancellation).</summary>
    public TaskCompletionSource? HoldUploads { get; set; }

    /// <summary>Completed when an upload is held by <see cref="HoldUploads"/>.</summary>
    public TaskCompletionSource UploadArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, RequestForget waits for this before answering (to observe the client mid-request).</summary>
    public TaskCompletionSource? HoldForgetReply { get; set; }

    /// <summary>When true, the next RequestForget is recorded and then fails with UNAVAILABLE (a lost reply).</summary>
    public bool LoseNextForgetReply { get; set; }

    public ForgetStatus? StatusReply { get; set; }

    public void AddToken(string token, string clientId) => _tokens[token] = clientId;

    public async Task StartAsync(int port = 0, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        var options = new GrpcServerOptions { Port = port, ShutdownTimeout = TimeSpan.FromSeconds(1), Certificate = certificate };
        options.Interceptors.Add(new BearerTokenInterceptor((token, _) => ValueTask.FromResult(_tokens.GetValueOrDefault(token))));
        _server = new GrpcServer(options);
        _server.AddService(Definition());
        await _server.StartAsync();
        _port = _server.Port;
    }

    /// <summary>Stops the server (streams end, calls fail), keeping everything it recorded; <see cref="StartAsync"/> again on the same port restarts it.</summary>
    public async Task StopAsync()
    {
        foreach (var outbox in _outboxes.Values) outbox.Writer.TryComplete();
        _outboxes.Clear();
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Delivers <paramref name="task"/> on the client's current (or next) task stream.</summary>
    public void Send(string clientId, ClientTask task) => Outbox(clientId).Writer.TryWrite(task);

    /// <summary>Ends the client's current task stream with OK, as a server going away would.</summary>
    public void EndStream(string clientId) => Outbox(clientId).Writer.TryWrite(null);

    public async ValueTask DisposeAsync() => await StopAsync();

    public static ClientTask TrainTask(string id, ulong version, ulong round = 1) => new()
    {
        TaskId = id,
        Round = round,
        AdapterVersion = version,
        HyperParameters = new HyperParameters { LocalEpochs = 2, BatchSize = 16, LearningRate = 0.05, Seed = 7 },
        Train = new TrainTask(),
    };

    public static ParameterSet Adapter(float start)
    {
        var set = new ParameterSet();
        set.Add("fc1.lora_A", [2, 8], Enumerable.Range(0, 16).Select(i => start + i).ToArray());
        set.Add("fc1.lora_B", [4, 2], Enumerable.Range(0, 8).Select(i => start - i).ToArray());
        return set;
    }

    /// <summary>An update with <see cref="Adapter"/>'s layout and every value <paramref name="value"/> (what the fake learner's delta looks like).</summary>
    public static ParameterSet Uniform(float value) =>
        new(Adapter(0).Select(t => new ParameterTensor(t.Name, t.Shape, Enumerable.Repeat(value, t.Data.Length).ToArray())));

    private Channel<ClientTask?> Outbox(string clientId) =>
        _outboxes.GetOrAdd(clientId, _ => Channel.CreateUnbounded<ClientTask?>());

    private ServiceDefinition Definition() => ServiceDefinition.CreateBuilder(FederationMethods.ServiceName)
        .AddUnary(FederationMethods.Join, JoinAsync)
        .AddServerStreaming(FederationMethods.Subscribe, SubscribeAsync)
        .AddServerStreaming(FederationMethods.FetchAdapter, FetchAsync)
        .AddClientStreaming(FederationMethods.SubmitUpdate, SubmitAsync)
        .AddUnary(FederationMethods.RequestForget, RequestForgetAsync)
        .AddUnary(FederationMethods.GetForgetStatus, GetForgetStatusAsync)
        .Build();

    private Task<JoinResponse> JoinAsync(JoinRequest request, ServerCallContext context)
    {
        if (request.ClientId != context.Identity) throw new RpcException(StatusCode.PermissionDenied, $"token is for '{context.Identity}'");
        Joins.Writer.TryWrite(request);
        var config = Config.Clone();
        return Task.FromResult(new JoinResponse { ClientId = request.ClientId, Config = config, AdapterVersion = Adapters.Keys.DefaultIfEmpty().Max() });
    }

    private async Task SubscribeAsync(SubscribeRequest request, IServerStreamWriter<ClientTask> responses, ServerCallContext context)
    {
        var outbox = Outbox(context.Identity!);
        Subscriptions.Writer.TryWrite(context.Identity!);
        while (await outbox.Reader.WaitToReadAsync(context.CancellationToken))
        {
            if (!outbox.Reader.TryRead(out var task)) continue;
            if (task is null) return;
            await responses.WriteAsync(task, context.CancellationToken);
        }
    }

    private async Task FetchAsync(FetchAdapterRequest request, IServerStreamWriter<FetchAdapterResponse> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref FetchCount);
        var version = request.Version == 0 ? Adapters.Keys.Max() : request.Version;
        if (!Adapters.TryGetValue(version, out var adapter)) throw new RpcException(StatusCode.NotFound, $"no adapter version {version}");
        var payload = AdapterChunker.Split(adapter, (int)Config.ChunkSize);
        await AdapterTransfer.WriteAdapterAsync(responses, version, adapter.ContentHash(), payload, context.CancellationToken);
    }

    private Task<ForgetStatus> GetForgetStatusAsync(GetForgetStatusRequest request, ServerCallContext context) =>
        Task.FromResult(StatusReply ?? throw new RpcException(StatusCode.NotFound, $"unknown ticket {request.TicketId}"));
}
