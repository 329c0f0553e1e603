using System.Net;
using System.Net.Sockets;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A loopback TCP relay between the clients and the server that counts the bytes each way, so the
/// report's "bytes sent" are what crossed the wire (HTTP/2 frames, headers and all), not an estimate.
/// </summary>
internal sealed class ByteCountingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private long _toServer, _toClients;

    public ByteCountingRelay(int serverPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, serverPort);
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Where clients connect instead of the server.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Bytes the server sent to clients so far.</summary>
    public long ServerSent => Interlocked.Read(ref _toClients);

    /// <summary>Bytes the server received from clients so far.</summary>
    public long ServerReceived => Interlocked.Read(ref _toServer);

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate) _pumps.Add(RelayAsync(client, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            client.NoDelay = server.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, cancellationToken).ConfigureAwait(false);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var up = PumpAsync(client.GetStream(), server.GetStream(), isUpload: true, either);
                var down = PumpAsync(server.GetStream(), client.GetStream(), isUpload: false, either);
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // One side closed or the relay stopped: the connection ends, as it would without the relay.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool isUpload, CancellationTokenSource either)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, either.Token).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), either.Token).ConfigureAwait(false);
                Interlocked.Add(ref isUpload ? ref _toServer : ref _toClients, read);
            }
        }
        finally
        {
            // When one direction ends, end the other: a half-open HTTP/2 connection helps nobody.
            await either.CancelAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Task[] pumps;
        lock (_gate) pumps = [.. _pumps];
        await Task.WhenAll(pumps).ConfigureAwait(false);
        _stop.Dispose();
    }
}
