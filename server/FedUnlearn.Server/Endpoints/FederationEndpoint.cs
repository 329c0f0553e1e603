using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Admission.Internal;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Endpoints;

/// <summary>
/// The <c>fedunlearn.v1.Federation</c> service: the RPC edge clients talk to. It maps wire messages
/// to the round runner's domain and domain outcomes to gRPC statuses; admission happened before.
/// </summary>
internal sealed partial class FederationEndpoint
{
    private readonly RoundRunner _runner;
    private readonly ClientSessions _sessions;
    private readonly AdapterCache _adapters;
    private readonly ITaskStore _tasks;
    private readonly IForgetRequestService _forget;
    private readonly FederationServerOptions _options;
    private readonly ILogger _logger;

    public FederationEndpoint(RoundRunner runner, ClientSessions sessions, AdapterCache adapters, ITaskStore tasks,
        IForgetRequestService forget, FederationServerOptions options, ILogger logger)
    {
        _runner = runner;
        _sessions = sessions;
        _adapters = adapters;
        _tasks = tasks;
        _forget = forget;
        _options = options;
        _logger = logger;
    }

    public ServiceDefinition Definition => ServiceDefinition.CreateBuilder(FederationMethods.ServiceName)
        .AddUnary(FederationMethods.Join, JoinAsync)
        .AddServerStreaming(FederationMethods.Subscribe, SubscribeAsync)
        .AddServerStreaming(FederationMethods.FetchAdapter, FetchAdapterAsync)
        // Every chunk is copied into the assembler and hashed before the next read, and the header's
        // fields are too small to be borrowed: the payloads can share one receive buffer.
        .AddClientStreaming(FederationMethods.SubmitUpdate, SubmitUpdateAsync, RequestPayloads.BorrowedUntilNextMessage)
        .AddUnary(FederationMethods.RequestForget, (request, context) => _forget.RequestAsync(Caller(context, "").Name, request, context.CancellationToken))
        .AddUnary(FederationMethods.GetForgetStatus, (request, context) => _forget.GetStatusAsync(Caller(context, "").Name, request.TicketId, context.CancellationToken))
        .Build();

    private Task<JoinResponse> JoinAsync(JoinRequest request, ServerCallContext context)
    {
        ClientRecord client = Caller(context, request.ClientId);
        ClientSession session = _sessions.GetOrAdd(client);
        session.Joined = true;
        session.LastSeen = _options.TimeProvider.GetUtcNow();
        if (request.DisplayName.Length > 0) session.DisplayName = request.DisplayName;
        if (request.Capabilities is not null) session.Capabilities = request.Capabilities;
        return Task.FromResult(new JoinResponse
        {
            ClientId = client.Name,
            AdapterVersion = (ulong)(_runner.GlobalVersion?.Version ?? 0),
            Config = new ServerConfig
            {
                FederationName = _options.FederationName,
                Model = _options.Model,
                ChunkSize = (uint)_options.ChunkSize,
                MaxUpdateSize = (ulong)_options.MaxUpdateSize,
                HeartbeatInterval = Duration.FromTimeSpan(_options.HeartbeatInterval),
            },
        });
    }

    private async Task FetchAdapterAsync(FetchAdapterRequest request, IServerStreamWriter<FetchAdapterResponse> responses, ServerCallContext context)
    {
        Caller(context, "");
        long latest = _runner.GlobalVersion?.Version ?? 0;
        long version = request.Version == 0 ? latest : (long)Math.Min(request.Version, long.MaxValue);
        CachedAdapter adapter = await _adapters.GetAsync(version, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.NotFound, $"No global adapter version {version}; the latest is {latest}.");
        await AdapterTransfer.WriteAdapterAsync(responses, (ulong)adapter.Version, adapter.ContentHash, adapter.Payload, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The authenticated client; a request naming another id is PERMISSION_DENIED.</summary>
    private static ClientRecord Caller(ServerCallContext context, string claimedId)
    {
        ClientRecord client = CallerIdentity.Client(context);
        if (claimedId.Length > 0 && claimedId != client.Name)
            throw new RpcException(StatusCode.PermissionDenied, $"The token belongs to client '{client.Name}', not '{claimedId}'.");
        return client;
    }
}
