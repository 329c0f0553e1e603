using System.Buffers;
using System.IO.Pipelines;
using FedUnlearn.Rpc.Internal;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Internal;

public sealed class MessageReaderTests
{
    // Like Kestrel's HTTP/2 request body: examined bytes never hold the writer back. Small
    // segments so that a message spans many of them.
    private static Pipe NewPipe() => new(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: 4096));

    [Fact]
    public async Task ReadAsync_FramesArrivingOneByteAtATime_ParsedInOrderThenEnd()
    {
        var pipe = NewPipe();
        var reader = new MessageReader(pipe.Reader, 1 << 20, gzip: false);
        byte[] payload = new byte[70_000];
        Payload.Fill(payload.AsSpan(0, 69_992), 0);
        byte[] bytes = [.. RawGrpc.Frame(new EchoRequest { Text = "first" }), .. RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(payload) })];

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
        Assert.Equal(payload, messages[1]!.Payload.ToByteArray());
        Assert.Null(messages[2]);
    }

    [Fact]
    public async Task ReadAsync_IncompleteMessage_ExaminesAllButConsumesNothingUntilItIsWhole()
    {
        var pipe = NewPipe();
        var recording = new RecordingReader(pipe.Reader);
        byte[] frame = RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[300_000]) });
        await pipe.Writer.WriteAsync(frame.AsMemory(0, 100_000));
        ValueTask<EchoRequest?> reading = new MessageReader(recording, 1 << 20, gzip: false).ReadAsync(EchoRequest.Parser, CancellationToken.None);
        await pipe.Writer.WriteAsync(frame.AsMemory(100_000, 100_000));

        // Flow control sees every byte examined (Kestrel sends WINDOW_UPDATE for them)...
        await WaitUntilAsync(() => recording.Examined == 200_000);
        Assert.Equal(0, recording.Consumed);
        Assert.False(reading.IsCompleted);

        await pipe.Writer.WriteAsync(frame.AsMemory(200_000));
        EchoRequest? message = await reading;

        // ...and the message is consumed whole, parsed straight from the pipe's segments.
        Assert.Equal(300_000, message!.Payload.Length);
        Assert.Equal(frame.Length, recording.Consumed);
        Assert.True(recording.MostSegments >= 300_000 / 4096);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task ReadAsync_MessageAtOrOverLimit_AcceptedOrResourceExhausted(int over, bool rejected)
    {
        byte[] frame = RawGrpc.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) });
        int limit = frame.Length - MessageFraming.HeaderSize - over;
        var pipe = NewPipe();
        await pipe.Writer.WriteAsync(frame);
        var reader = new MessageReader(pipe.Reader, limit, gzip: false);

        if (rejected)
        {
            RpcException ex = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None));
            Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        }
        else
        {
            Assert.Equal(100_000, (await reader.ReadAsync(EchoRequest.Parser, CancellationToken.None))!.Payload.Length);
        }
    }

    [Fact]
    public async Task ReadAsync_StreamEndsInsideFrame_Internal()
    {
        var pipe = NewPipe();
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Records how far the reader consumed and examined, in bytes from the start.</summary>
    private sealed class RecordingReader(PipeReader inner) : PipeReader
    {
        private long _start;
        private ReadOnlySequence<byte> _last;

        public long Consumed { get; private set; }

        public long Examined { get; private set; }

        public int MostSegments { get; private set; }

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            ReadResult result = await inner.ReadAsync(cancellationToken);
            _last = result.Buffer;
            int segments = 0;
            foreach (ReadOnlyMemory<byte> _ in result.Buffer)
            {
                segments++;
            }

            MostSegments = Math.Max(MostSegments, segments);
            return result;
        }

        public override bool TryRead(out ReadResult result) => throw new NotSupportedException();

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            long consumedHere = _last.Slice(0, consumed).Length;
            Examined = Math.Max(Examined, _start + _last.Slice(0, examined).Length);
            _start += consumedHere;
            Consumed = _start;
            inner.AdvanceTo(consumed, examined);
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);
    }
}
