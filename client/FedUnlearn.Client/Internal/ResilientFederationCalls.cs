using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Resilience;
using FedUnlearn.Rpc.Services;
using Polly;
using Polly.Timeout;

namespace FedUnlearn.Client.Internal;

/// <summary>The Federation calls the client makes, each through its resilience pipeline. Failures surface as <see cref="RpcException"/> (or a broken-circuit exception).</summary>
internal sealed class ResilientFederationCalls(GrpcChannel channel, ClientPipelines pipelines)
{
    private readonly FederationRpcClient _rpc = new(channel);

    public GrpcChannel Channel => channel;

    public Task<JoinResponse> JoinAsync(JoinRequest request, CancellationToken cancellationToken) =>
        pipelines.Calls.ExecuteUnaryAsync(channel, FederationMethods.Join, request, Options(cancellationToken));

    public Task<RequestForgetResponse> RequestForgetAsync(RequestForgetRequest request, CancellationToken cancellationToken) =>
        pipelines.Calls.ExecuteUnaryAsync(channel, FederationMethods.RequestForget, request, Options(cancellationToken));

    public Task<ForgetStatus> GetForgetStatusAsync(string ticketId, CancellationToken cancellationToken) =>
        pipelines.Calls.ExecuteUnaryAsync(channel, FederationMethods.GetForgetStatus,
            new GetForgetStatusRequest { TicketId = ticketId }, Options(cancellationToken));

    /// <summary>The raw task stream; not retried here (the session reconnects it).</summary>
    public ServerStreamingCall<ClientTask> Subscribe(string clientId, CancellationToken cancellationToken) =>
        _rpc.Subscribe(new SubscribeRequest { ClientId = clientId }, Options(cancellationToken));

    /// <summary>Uploads a result; every retry re-sends the header and all chunks (the server deduplicates by task id).</summary>
    public Task<SubmitUpdateResponse> SubmitAsync(SubmitUpdateHeader header, ChunkedPayload? payload, CancellationToken cancellationToken) =>
        pipelines.Transfers.ExecuteClientStreamingAsync(channel, FederationMethods.SubmitUpdate,
            (writer, token) => AdapterTransfer.WriteUpdateAsync(writer, header, payload, token), Options(cancellationToken));

    /// <summary>Downloads and checks one adapter version, retrying a broken download from the start.</summary>
    public async Task<FetchedAdapter> FetchAdapterAsync(ulong version, AdapterAssemblerOptions limits, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RpcResilience.IdempotentKey, true);
        try
        {
            return await pipelines.Transfers.ExecuteAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return await state.Rpc.FetchAdapterAsync(state.Version, state.Limits,
                            new CallOptions { CancellationToken = ctx.CancellationToken }).ConfigureAwait(false);
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ctx.CancellationToken.IsCancellationRequested)
                    {
                        // Lets Polly tell its attempt timeout from a real failure.
                        throw new OperationCanceledException(ex.Message, ex, ctx.CancellationToken);
                    }
                },
                context,
                (Rpc: _rpc, Version: version, Limits: limits)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The adapter download timed out after {ex.Timeout}."), innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static CallOptions Options(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };
}
