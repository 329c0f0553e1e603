using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FedUnlearn.Rpc.Client.Internal.Http2;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>
/// A scripted HTTP/2 server on 127.0.0.1:0 for client protocol tests: the test reads the client's
/// frames and writes whatever frames (valid or not) it wants back.
/// </summary>
internal sealed class FakeHttp2Server : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public FakeHttp2Server() => _listener.Start();

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Accepts a connection, checks the preface, sends our SETTINGS and ACKs the client's.</summary>
    public async Task<Peer> AcceptAsync(params (ushort Id, uint Value)[] settings)
    {
        Socket socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _accepted.Add(socket);
        var peer = new Peer(new NetworkStream(socket, ownsSocket: false));
        byte[] preface = new byte[24];
        await peer.Stream.ReadExactlyAsync(preface).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Http2Protocol.Preface.ToArray(), preface);
        await peer.WriteAsync(FrameBuilder.Settings(settings));
        (FrameHeader clientSettings, _) = await peer.ReadAsync(Http2Protocol.Settings);
        Assert.False(clientSettings.HasFlag(Http2Protocol.Ack));
        await peer.WriteAsync(FrameBuilder.SettingsAck());
        return peer;
    }

    /// <summary>Accepts a connection and hands over the socket untouched (for servers that are not HTTP/2).</summary>
    public async Task<Socket> AcceptRawAsync()
    {
        Socket socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _accepted.Add(socket);
        return socket;
    }

    public ValueTask DisposeAsync()
    {
        foreach (Socket socket in _accepted)
        {
            socket.Dispose();
        }

        _listener.Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary>One accepted connection.</summary>
    internal sealed class Peer(NetworkStream stream)
    {
        public NetworkStream Stream { get; } = stream;

        public HpackDecoder Decoder { get; } = new();

        /// <summary>The next frame of <paramref name="type"/>, skipping others (SETTINGS ACK, WINDOW_UPDATE, ...).</summary>
        public async Task<(FrameHeader Header, byte[] Payload)> ReadAsync(byte type)
        {
            while (true)
            {
                (FrameHeader header, byte[] payload) = await ReadAnyAsync();
                if (header.Type == type)
                {
                    return (header, payload);
                }
            }
        }

        public async Task<(FrameHeader Header, byte[] Payload)> ReadAnyAsync()
        {
            byte[] head = new byte[Http2Protocol.FrameHeaderLength];
            await Stream.ReadExactlyAsync(head).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            FrameHeader header = FrameHeader.Read(head);
            byte[] payload = new byte[header.Length];
            await Stream.ReadExactlyAsync(payload).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return (header, payload);
        }

        /// <summary>Reads the request HEADERS and returns the stream id and decoded fields.</summary>
        public async Task<(int StreamId, List<(string Name, string Value)> Fields, bool EndStream)> ReadRequestHeadersAsync()
        {
            (FrameHeader header, byte[] payload) = await ReadAsync(Http2Protocol.Headers);
            Assert.True(header.HasFlag(Http2Protocol.EndHeaders));
            var fields = new List<(string, string)>();
            Decoder.Decode(payload, fields);
            return (header.StreamId, fields, header.HasFlag(Http2Protocol.EndStream));
        }

        /// <summary>A PING round trip: once it returns, the client has processed every frame written before.
        /// Frames the client sent meanwhile are skipped, so read the ones the test needs first.</summary>
        public async Task SyncAsync()
        {
            await WriteAsync(FrameBuilder.Ping(ack: false, 0x5359_4e43));
            await ReadAsync(Http2Protocol.Ping);
        }

        public Task WriteAsync(byte[] frame) => Stream.WriteAsync(frame).AsTask();

        public Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
        {
            var frame = new byte[Http2Protocol.FrameHeaderLength + payload.Length];
            new FrameHeader(payload.Length, type, flags, streamId).Write(frame);
            payload.CopyTo(frame.AsSpan(Http2Protocol.FrameHeaderLength));
            return WriteAsync(frame);
        }

        public Task WriteHeadersAsync(int streamId, bool endStream, params (string Name, string Value)[] fields)
        {
            var block = new ArrayBufferWriter<byte>();
            foreach ((string name, string value) in fields)
            {
                HpackEncoder.Encode(name, value, block);
            }

            byte flags = (byte)(Http2Protocol.EndHeaders | (endStream ? Http2Protocol.EndStream : 0));
            return WriteFrameAsync(Http2Protocol.Headers, flags, streamId, block.WrittenSpan);
        }
    }
}
