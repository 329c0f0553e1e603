using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>Malformed input to a borrowing method, sent raw: the same statuses as the owned path.</summary>
public sealed partial class BorrowedPayloadTests
{
    private const string HashPath = "/fedunlearn.testing.Echo/Hash";

    [Fact]
    public async Task Post_BorrowedStreamEndingInsideAFrame_InternalIncomplete()
    {
        byte[] whole = RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(Bytes(64 * 1024, seed: 1)) });
        byte[] body = [.. whole, .. whole.AsSpan(0, 10_000)];

        RawGrpc.Response response = await RawGrpc.SendAsync(_server.Address, HashPath, body);

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BorrowedMessageWithTruncatedField_InternalFailedToDeserialize()
    {
        // A whole frame whose payload field declares more bytes than the message holds.
        byte[] message = new EchoRequest { Payload = ByteString.CopyFrom(Bytes(64 * 1024, seed: 2)) }.ToByteArray();

        RawGrpc.Response response = await RawGrpc.SendAsync(_server.Address, HashPath, RawGrpc.Frame(message[..^100]));

        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("Failed to deserialize", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClientStreaming_UndefinedPayloadsValue_Throws()
    {
        ServiceDefinitionBuilder builder = ServiceDefinition.CreateBuilder(Echo.ServiceName);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddClientStreaming(Hash, HashAsync, (RequestPayloads)7));
    }
}
