using System.Security.Cryptography;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>
/// Streaming methods bound with <see cref="RequestPayloads.BorrowedUntilNextMessage"/>: every byte
/// arrives, a kept message's bytes are only good until the next read, the default keeps them all.
/// </summary>
public sealed partial class BorrowedPayloadTests : IAsyncLifetime
{
    private const int MaxReceive = 2 * 1024 * 1024;
    private static readonly Method<EchoRequest, EchoReply> Hash = new(MethodType.ClientStreaming, Echo.ServiceName, "Hash");
    private static readonly Method<EchoRequest, EchoReply> KeepOwned = new(MethodType.ClientStreaming, Echo.ServiceName, "KeepOwned");
    private static readonly Method<EchoRequest, EchoReply> KeepBorrowed = new(MethodType.ClientStreaming, Echo.ServiceName, "KeepBorrowed");
    private static readonly Method<EchoRequest, EchoReply> HashEach = new(MethodType.DuplexStreaming, Echo.ServiceName, "HashEach");

    private readonly GrpcServer _server = new(new GrpcServerOptions { MaxReceiveMessageSize = MaxReceive });

    public async Task InitializeAsync()
    {
        _server.AddService(ServiceDefinition.CreateBuilder(Echo.ServiceName)
            .AddClientStreaming(Hash, HashAsync, RequestPayloads.BorrowedUntilNextMessage)
            .AddClientStreaming(KeepOwned, KeepAsync)
            .AddClientStreaming(KeepBorrowed, KeepAsync, RequestPayloads.BorrowedUntilNextMessage)
            .AddDuplexStreaming(HashEach, HashEachAsync, RequestPayloads.BorrowedUntilNextMessage)
            .Build());
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientStreaming_MixedSizesBorrowed_EveryByteArrives(bool gzip)
    {
        // Smaller than the borrowing threshold, empty, a buffer that must grow, then shrink back.
        int[] sizes = [1 << 20, 100, 5000, 0, (1 << 20) + 8, 64 * 1024, 1 << 20, 4096];
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { CompressRequests = gzip });
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(Hash);
        for (int i = 0; i < sizes.Length; i++)
        {
            byte[] payload = Bytes(sizes[i], seed: i);
            expected.AppendData(payload);
            await call.RequestStream.WriteAsync(new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Payload = ByteString.CopyFrom(payload) });
        }

        await call.RequestStream.CompleteAsync();
        EchoReply reply = await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(sizes.Length, reply.Index);
        Assert.Equal(sizes.Sum(s => (long)s), reply.TotalBytes);
        Assert.Equal("01234567", reply.Text);
        Assert.Equal(expected.GetHashAndReset(), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task ClientStreaming_OwnedByDefault_KeptMessagesStayIntact()
    {
        EchoReply reply = await SendDistinctAsync(KeepOwned, count: 5);

        Assert.Equal(5, reply.TotalBytes);
        Assert.Equal(5, reply.Index); // every kept message still holds its own bytes
    }

    [Fact]
    public async Task ClientStreaming_Borrowed_KeptMessagesAreOverwrittenByTheNextOneButTheLastStays()
    {
        // The contract made visible: a message kept past the next read shows later bytes, which
        // is why handlers copy what they keep; the last message of the stream stays valid.
        EchoReply reply = await SendDistinctAsync(KeepBorrowed, count: 5);

        Assert.Equal(5, reply.TotalBytes);
        Assert.Equal(1, reply.Index);
        Assert.Equal("last-intact", reply.Text);
    }

    [Fact]
    public async Task DuplexStreaming_Borrowed_EachReplyHashesItsOwnMessage()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);
        using DuplexStreamingCall<EchoRequest, EchoReply> call = channel.DuplexStreamingCall(HashEach);
        var payloads = Enumerable.Range(0, 4).Select(i => Bytes(256 * 1024 + (8 * i), seed: 10 + i)).ToList();
        foreach (byte[] payload in payloads)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) });
        }

        await call.RequestStream.CompleteAsync();
        var replies = new List<byte[]>();
        await foreach (EchoReply reply in call.ResponseStream.WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            replies.Add(reply.Payload.ToByteArray());
        }

        Assert.Equal(payloads.Select(SHA256.HashData), replies);
    }

    [Fact]
    public async Task ClientStreaming_BorrowedMessageOverLimit_ResourceExhausted()
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(Hash);
        await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(Bytes(1 << 20, seed: 1)) });
        try
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[MaxReceive + 1]) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException ex)
        {
            Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode); // the server may end the call mid-write
        }

        RpcException failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
    }

    private async Task<EchoReply> SendDistinctAsync(Method<EchoRequest, EchoReply> method, int count)
    {
        using GrpcChannel channel = GrpcChannel.ForAddress(_server.Address);
        using ClientStreamingCall<EchoRequest, EchoReply> call = channel.ClientStreamingCall(method);
        for (int i = 0; i < count; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(Bytes(64 * 1024, seed: 100 + i)) });
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<EchoReply> HashAsync(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var reply = new EchoReply();
        await foreach (EchoRequest request in requests)
        {
            hash.AppendData(request.Payload.Span);
            reply.Index++;
            reply.TotalBytes += request.Payload.Length;
            reply.Text += request.Text;
        }

        reply.Payload = ByteString.CopyFrom(hash.GetHashAndReset());
        return reply;
    }

    // Keeps every message and a copy of its bytes; Index counts those still equal at the end.
    private static async Task<EchoReply> KeepAsync(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        var kept = new List<(EchoRequest Message, byte[] Copy)>();
        await foreach (EchoRequest request in requests)
        {
            kept.Add((request, request.Payload.ToByteArray()));
        }

        bool IsIntact((EchoRequest Message, byte[] Copy) k) => k.Message.Payload.Span.SequenceEqual(k.Copy);
        return new EchoReply
        {
            TotalBytes = kept.Count,
            Index = kept.Count(IsIntact),
            Text = kept.Count > 0 && IsIntact(kept[^1]) ? "last-intact" : "last-changed",
        };
    }

    private static async Task HashEachAsync(IAsyncEnumerable<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await foreach (EchoRequest request in requests)
        {
            await responses.WriteAsync(new EchoReply { Payload = ByteString.CopyFrom(SHA256.HashData(request.Payload.Span)) });
        }
    }

    private static byte[] Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
