using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// Typed calls of <c>fedunlearn.v1.Federation</c> over a <see cref="GrpcChannel"/>: one method per
/// RPC plus the chunked upload and download helpers. Every call carries the client's bearer token
/// (the one given here unless <see cref="CallOptions.BearerToken"/> overrides it). Thread-safe.
/// </summary>
public sealed class FederationRpcClient
{
    private readonly GrpcChannel _channel;
    private readonly string? _token;

    /// <summary>Calls the server behind <paramref name="channel"/> as the client owning <paramref name="token"/>.</summary>
    public FederationRpcClient(GrpcChannel channel, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _token = token;
    }

    /// <summary>The channel calls go through.</summary>
    public GrpcChannel Channel => _channel;

    /// <summary>Registers the caller and returns the federation's configuration.</summary>
    public Task<JoinResponse> JoinAsync(JoinRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(FederationMethods.Join, request, With(options));

    /// <summary>Opens the task stream; enumerate <see cref="ServerStreamingCall{T}.ResponseStream"/>, dispose to close.</summary>
    public ServerStreamingCall<ClientTask> Subscribe(SubscribeRequest request, CallOptions options = default) =>
        _channel.ServerStreamingCall(FederationMethods.Subscribe, request, With(options));

    /// <summary>Starts a raw adapter download (header then chunks); <see cref="FetchAdapterAsync(ulong, AdapterAssemblerOptions?, CallOptions)"/> assembles it.</summary>
    public ServerStreamingCall<FetchAdapterResponse> FetchAdapter(FetchAdapterRequest request, CallOptions options = default) =>
        _channel.ServerStreamingCall(FederationMethods.FetchAdapter, request, With(options));

    /// <summary>Starts a raw upload; <see cref="SubmitUpdateAsync"/> writes header and chunks for you.</summary>
    public ClientStreamingCall<SubmitUpdateRequest, SubmitUpdateResponse> SubmitUpdate(CallOptions options = default) =>
        _channel.ClientStreamingCall(FederationMethods.SubmitUpdate, With(options));

    /// <summary>Asks to forget the caller's samples or the caller itself.</summary>
    public Task<RequestForgetResponse> RequestForgetAsync(RequestForgetRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(FederationMethods.RequestForget, request, With(options));

    /// <summary>State of a forget request the caller made.</summary>
    public Task<ForgetStatus> GetForgetStatusAsync(GetForgetStatusRequest request, CallOptions options = default) =>
        _channel.UnaryAsync(FederationMethods.GetForgetStatus, request, With(options));

    /// <summary>Downloads adapter <paramref name="version"/> (0: the current one) and checks its sha256, layout and content hash.</summary>
    /// <exception cref="RpcException">The server refused or the call failed.</exception>
    /// <exception cref="InvalidDataException">The stream was malformed or the adapter does not match its header.</exception>
    public async Task<FetchedAdapter> FetchAdapterAsync(ulong version, AdapterAssemblerOptions? limits = null, CallOptions options = default)
    {
        using ServerStreamingCall<FetchAdapterResponse> call = FetchAdapter(new FetchAdapterRequest { Version = version }, options);
        return await AdapterTransfer.ReadAdapterAsync(call.ResponseStream, limits, options.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads a task's result: <paramref name="header"/> (its payload header is filled in here), then
    /// <paramref name="update"/> in chunks of <paramref name="chunkSize"/> bytes. Pass a null update
    /// for a failure (<see cref="SubmitUpdateHeader.Error"/>) or an evaluation result.
    /// </summary>
    /// <exception cref="RpcException">The server rejected the update (INVALID_ARGUMENT with the reason) or the call failed.</exception>
    public async Task<SubmitUpdateResponse> SubmitUpdateAsync(SubmitUpdateHeader header, ParameterSet? update,
        int chunkSize = AdapterChunker.MaxChunkSize, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ChunkedPayload? payload = update is null ? null : AdapterChunker.Split(update, chunkSize);
        using ClientStreamingCall<SubmitUpdateRequest, SubmitUpdateResponse> call = SubmitUpdate(options);
        try
        {
            await AdapterTransfer.WriteUpdateAsync(call.RequestStream, header, payload, options.CancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The server ended the call early (e.g. it rejected the header): its status is in the response.
        }

        return await call.ResponseAsync.ConfigureAwait(false);
    }

    private CallOptions With(CallOptions options) =>
        options.BearerToken is null && _token is not null ? options with { BearerToken = _token } : options;
}
