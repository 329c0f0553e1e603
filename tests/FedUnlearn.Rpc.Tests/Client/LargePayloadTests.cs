using System.Security.Cryptography;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Client;

/// <summary>64 MiB in 1 MiB chunks up (client stream) and down (server stream), sha256-checked.</summary>
public sealed class LargePayloadTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private const int ChunkSize = 1024 * 1024;
    private const long TotalBytes = 64L * ChunkSize;

    [Fact]
    public async Task ClientStreamingCall_64MiBInChunks_ServerHashMatches()
    {
        using ClientStreamingCall<EchoRequest, EchoReply> call = fixture.Channel.ClientStreamingCall(Echo.Collect);
        byte[] chunk = new byte[ChunkSize];
        for (long offset = 0; offset < TotalBytes; offset += ChunkSize)
        {
            Payload.Fill(chunk, offset);
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = UnsafeByteOperations.UnsafeWrap(chunk) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call;

        Assert.Equal(64, reply.Index);
        Assert.Equal(TotalBytes, reply.TotalBytes);
        Assert.Equal(Payload.Sha256(TotalBytes, ChunkSize), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task UnaryCall_MessageLargerThanHttp2Windows_Succeeds()
    {
        // The reader waits for the whole message without consuming it; Kestrel grants window for
        // examined bytes, so a message bigger than both windows still arrives.
        await using var server = new FedUnlearn.Rpc.Server.GrpcServer(new FedUnlearn.Rpc.Server.GrpcServerOptions
        {
            InitialStreamWindowSize = 96 * 1024,
            InitialConnectionWindowSize = 128 * 1024,
            MaxReceiveMessageSize = 8 * ChunkSize,
        });
        server.AddService(new EchoService().Definition);
        await server.StartAsync();
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 8 * ChunkSize });
        byte[] payload = new byte[3 * ChunkSize];
        Payload.Fill(payload, 0);

        EchoReply reply = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Payload = ByteString.CopyFrom(payload) })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(payload, reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task ClientStreamingCall_ManyMessagesLargerThanHttp2Windows_AllArriveIntact()
    {
        await using var server = new FedUnlearn.Rpc.Server.GrpcServer(new FedUnlearn.Rpc.Server.GrpcServerOptions
        {
            InitialStreamWindowSize = 65_535,
            InitialConnectionWindowSize = 65_535,
            MaxReceiveMessageSize = 2 * ChunkSize,
        });
        server.AddService(new EchoService().Definition);
        await server.StartAsync();
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address);
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(Echo.Collect);
        byte[] chunk = new byte[ChunkSize];
        for (long offset = 0; offset < 8L * ChunkSize; offset += ChunkSize)
        {
            Payload.Fill(chunk, offset);
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = UnsafeByteOperations.UnsafeWrap(chunk) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(8, reply.Index);
        Assert.Equal(Payload.Sha256(8L * ChunkSize, ChunkSize), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task ServerStreamingCall_64MiBInChunks_ClientHashMatches()
    {
        using ServerStreamingCall<EchoReply> call = fixture.Channel.ServerStreamingCall(Echo.Expand,
            new EchoRequest { TotalBytes = TotalBytes, ChunkSize = ChunkSize });
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        int messages = 0;
        await foreach (EchoReply reply in call.ResponseStream)
        {
            Assert.Equal(messages++, reply.Index);
            Assert.True(reply.Payload.Length <= ChunkSize);
            received += reply.Payload.Length;
            hash.AppendData(reply.Payload.Span);
        }

        Assert.Equal(TotalBytes, received);
        Assert.Equal(Payload.Sha256(TotalBytes, ChunkSize), hash.GetHashAndReset());
    }
}
