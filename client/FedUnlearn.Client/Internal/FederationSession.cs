using FedUnlearn.Client.Events;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Rpc;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// One connection: Join, re-send pending forget requests, then read the task stream until it ends,
/// goes silent for twice the heartbeat interval, or the server says Shutdown. Tasks go to the
/// <see cref="TaskProcessor"/>, which outlives the connection.
/// </summary>
internal sealed class FederationSession(
    ResilientFederationCalls calls,
    FederationClientOptions options,
    ClientStore store,
    TaskProcessor processor,
    ForgetRequestSender forget,
    Func<LearnerContext, CancellationToken, ValueTask<ILocalLearner>> createLearner,
    IClientEvents events,
    ILogger logger)
{
    /// <summary>Raised once the server has accepted the connection (Join succeeded): the reconnect backoff starts over.</summary>
    public event Action? Connected;

    public async Task<SessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        var join = await JoinAsync(cancellationToken).ConfigureAwait(false);
        Connected?.Invoke();
        await store.Node.SetClientIdAsync(join.ClientId, cancellationToken).ConfigureAwait(false);
        await store.Node.SetServerAddressAsync(options.ServerAddress!.ToString(), cancellationToken).ConfigureAwait(false);
        await forget.ResendPendingAsync(cancellationToken).ConfigureAwait(false);

        var heartbeat = join.Config?.HeartbeatInterval?.ToTimeSpan() ?? TimeSpan.Zero;
        var idleTimeout = heartbeat > TimeSpan.Zero ? heartbeat * 2 : options.Resilience.DefaultIdleStreamTimeout;
        using var idle = new CancellationTokenSource(idleTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        using var call = calls.Subscribe(join.ClientId, linked.Token);
        ClientLog.Joined(logger, join.Config?.FederationName ?? "", join.ClientId, join.AdapterVersion);
        events.OnJoined(new ClientJoinedEventArgs(join.ClientId, join.Config?.FederationName ?? "", join.AdapterVersion, processor.Learner!.SampleCount));
        try
        {
            await foreach (var task in call.ResponseStream.WithCancellation(linked.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(idleTimeout);
                switch (task.KindCase)
                {
                    case ClientTask.KindOneofCase.Heartbeat:
                        break;
                    case ClientTask.KindOneofCase.Shutdown:
                        ClientLog.Shutdown(logger, task.Shutdown.Reason, task.Shutdown.MayReconnect);
                        events.OnShutdown(new ShutdownEventArgs(task.Shutdown.Reason, task.Shutdown.MayReconnect));
                        return new SessionEnd(task.Shutdown.MayReconnect ? SessionEndKind.Restart : SessionEndKind.Removed, task.Shutdown.Reason);
                    default:
                        processor.Enqueue(task);
                        break;
                }
            }

            return new SessionEnd(SessionEndKind.Dropped, "the server closed the task stream");
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException
            && idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SessionEnd(SessionEndKind.Dropped, $"no message on the task stream for {idleTimeout}");
        }
        catch (RpcException ex) when (RpcFailures.IsFatal(ex))
        {
            throw Refused(ex);
        }
    }

    private async Task<JoinResponse> JoinAsync(CancellationToken cancellationToken)
    {
        try
        {
            var join = await calls.JoinAsync(Request(processor.Learner), cancellationToken).ConfigureAwait(false);
            processor.Config = join.Config ?? new ServerConfig();
            if (processor.Learner is not null) return join;

            // The model comes from the server, so the learner can only be built now; join again to report its real sample count.
            var context = new LearnerContext(join.Config?.Model ?? new ModelSpec(), options.Device, options.DataDirectory, store, options.Amnesiac);
            processor.Learner = await createLearner(context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The learner factory returned null.");
            return await calls.JoinAsync(Request(processor.Learner), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (RpcFailures.IsFatal(ex))
        {
            throw Refused(ex);
        }
    }

    private JoinRequest Request(ILocalLearner? learner)
    {
        var capabilities = new ClientCapabilities
        {
            Device = options.Device,
            SampleCount = (ulong)Math.Max(0, learner?.SampleCount ?? 0),
            SdkVersion = typeof(FederationClient).Assembly.GetName().Version?.ToString() ?? "",
        };
        capabilities.Methods.AddRange(options.Methods);
        return new JoinRequest { ClientId = options.ClientId, DisplayName = options.EffectiveDisplayName, Capabilities = capabilities };
    }

    private FederationClientException Refused(RpcException ex) => new(RpcFailures.IsTlsFailure(ex)
        ? $"The TLS handshake with {options.ServerAddress} failed ({ex.Status.Detail}); trust the server's certificate (Tls.TrustedServerCertificate) or use its certificate's host name."
        : ex.StatusCode switch
    {
        StatusCode.Unauthenticated => $"The server at {options.ServerAddress} refused the token of client '{options.ClientId}' (unknown or revoked): {ex.Status.Detail}",
        StatusCode.PermissionDenied => $"The token is not valid for client '{options.ClientId}': {ex.Status.Detail}",
        _ => $"The server at {options.ServerAddress} does not serve the FedUnlearn federation protocol: {ex.Status.Detail}",
    }, ex);
}
