using System.Threading.Channels;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Endpoints;

internal sealed partial class FederationEndpoint
{
    /// <summary>
    /// The task stream: a heartbeat first (so the client knows it is registered), then every
    /// outstanding task, then new tasks as rounds start, with heartbeats while idle. A client that
    /// reconnects gets its outstanding tasks again. Ends when the client leaves or the server stops.
    /// </summary>
    private async Task SubscribeAsync(SubscribeRequest request, IServerStreamWriter<ClientTask> responses, ServerCallContext context)
    {
        ClientRecord client = Caller(context, request.ClientId);
        ClientSession session = _sessions.GetOrAdd(client);
        CancellationToken cancellationToken = context.CancellationToken;
        ChannelReader<ClientTask> tasks = session.Attach(out Action detach);
        _sessions.NotifyChanged();
        try
        {
            await responses.WriteAsync(Heartbeat, cancellationToken).ConfigureAwait(false);
            Task<bool>? ready = null;
            while (true)
            {
                while (tasks.TryRead(out ClientTask? task))
                {
                    await responses.WriteAsync(task, cancellationToken).ConfigureAwait(false);
                    if (task.KindCase == ClientTask.KindOneofCase.Shutdown) return;
                }

                ready ??= tasks.WaitToReadAsync(cancellationToken).AsTask();
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task beat = Task.Delay(_options.HeartbeatInterval, _options.TimeProvider, idle.Token);
                Task first = await Task.WhenAny(ready, beat).ConfigureAwait(false);
                await idle.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (first == ready)
                {
                    if (!await ready.ConfigureAwait(false)) return; // closed by the server
                    ready = null;
                }
                else
                {
                    await responses.WriteAsync(Heartbeat, cancellationToken).ConfigureAwait(false);
                }

                session.LastSeen = _options.TimeProvider.GetUtcNow();
            }
        }
        finally
        {
            detach();
            session.LastSeen = _options.TimeProvider.GetUtcNow();
            _sessions.NotifyChanged();
        }
    }

    private static ClientTask Heartbeat => new() { Heartbeat = new Heartbeat() };
}
