using System.Net;
using System.Net.Sockets;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class ByteCountingRelayTests
{
    [Fact]
    public async Task Relay_EchoedPayload_CountsEveryByteEachWay()
    {
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var serving = Task.Run(async () =>
        {
            using var peer = await echo.AcceptTcpClientAsync();
            var stream = peer.GetStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) await stream.WriteAsync(buffer.AsMemory(0, read));
        });
        var relay = new ByteCountingRelay(((IPEndPoint)echo.LocalEndpoint).Port);
        var payload = new byte[100_000];
        new Random(1).NextBytes(payload);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, relay.Address.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(payload);
            var back = new byte[payload.Length];
            await stream.ReadExactlyAsync(back);
            Assert.Equal(payload, back);
        }

        await serving;
        await relay.DisposeAsync(); // waits for the pumps: every byte is counted
        Assert.Equal(payload.Length, relay.ServerReceived);
        Assert.Equal(payload.Length, relay.ServerSent);
    }
}
