using System.IO.Pipelines;
using FedUnlearn.Rpc.Internal;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Internal;

public sealed class MessageReaderTests
{
    [Fact]
    public async Task ReadAsync_FramesArrivingOneByteAtATime_ParsedInOrderThenEnd()
    {
        var pipe = new Pipe();
        var reader = new MessageReader(pipe.Reader, 1 << 20, gzip: false);
        byte[] bytes = [.. RawGrpc.Frame(new EchoRequest { Text = "first" }), .. RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[70_000]) })];

        // The second frame is larger than the pipe's pause threshold (64 KiB): a reader that
        // did not consume as it went would deadlock the writer here.
        Task<List<EchoRequest?>> reading = Task.Run(async () => new List<EchoRequest?>
        {
            await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None),
            await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None),
            await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None),
        });
        foreach (byte b in bytes)
        {
            await pipe.Writer.WriteAsync(new[] { b }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }

        await pipe.Writer.CompleteAsync();
        List<EchoRequest?> messages = await reading.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("first", messages[0]!.Text);
        Assert.Equal(70_000, messages[1]!.Payload.Length);
        Assert.Null(messages[2]);
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideFrame_Internal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(RawGrpc.Frame(new EchoRequest { Text = "cut" })[..^2]);
        await pipe.Writer.CompleteAsync();

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MessageReader(pipe.Reader, 1 << 20, gzip: false).ReadAsync(EchoRequest.Parser, CancellationToken.None));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_ResourceExhaustedBeforeBodyArrives()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0x10, 0, 0 }); // declares 1 MiB, sends nothing more

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MessageReader(pipe.Reader, 1000, gzip: false).ReadAsync(EchoRequest.Parser, CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_GzipBombOverLimit_ResourceExhausted()
    {
        byte[] bomb = GzipCodec.Compress(new EchoRequest { Payload = ByteString.CopyFrom(new byte[200_000]) }.ToByteArray());
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(RawGrpc.Frame(bomb, flag: 1));
        await pipe.Writer.CompleteAsync();

        RpcException ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MessageReader(pipe.Reader, 10_000, gzip: true).ReadAsync(EchoRequest.Parser, CancellationToken.None));

        Assert.True(bomb.Length < 10_000);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }
}
