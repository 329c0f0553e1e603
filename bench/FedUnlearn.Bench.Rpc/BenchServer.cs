using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;

namespace FedUnlearn.Bench.Rpc;

/// <summary>
/// A server doing no work beyond the transport: echo, and count streamed bytes. Collect borrows
/// its chunks' bytes by default (<see cref="RequestPayloads.BorrowedUntilNextMessage"/>, what a
/// server that hashes or copies each chunk as it arrives would use); <c>server payloads=Owned</c>
/// gives each chunk its own array.
/// </summary>
internal static class BenchServer
{
    public static readonly Method<EchoRequest, EchoReply> Unary = new(MethodType.Unary, "fedunlearn.testing.Echo", "Unary");
    public static readonly Method<EchoRequest, EchoReply> Collect = new(MethodType.ClientStreaming, "fedunlearn.testing.Echo", "Collect");

    /// <summary>Serves until stdin closes; <paramref name="payloads"/> is how Collect receives its chunks.</summary>
    public static async Task<int> RunAsync(RequestPayloads payloads)
    {
        ServiceDefinition service = ServiceDefinition.CreateBuilder("fedunlearn.testing.Echo")
            .AddUnary(Unary, static (request, _) => Task.FromResult(new EchoReply { Text = request.Text }))
            .AddClientStreaming(Collect, static async (requests, _) =>
            {
                long total = 0;
                int count = 0;
                await foreach (EchoRequest request in requests.ConfigureAwait(false))
                {
                    total += request.Payload.Length;
                    count++;
                }

                return new EchoReply { Index = count, TotalBytes = total };
            }, payloads)
            .Build();
        await using var server = new GrpcServer(new GrpcServerOptions { MaxReceiveMessageSize = 8 * 1024 * 1024 });
        server.AddService(service);
        await server.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"PORT {server.Port}");
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }
}
