using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// The write side: frames go out under one lock, a batch of frames per socket write (one
/// <c>sendmsg</c> gathering headers and payload slices on plaintext), DATA sized up to the peer's
/// MAX_FRAME_SIZE and limited by both flow-control windows.
/// </summary>
internal sealed partial class Http2Connection
{
    private readonly SemaphoreSlim _writeLock;

    /// <summary>Sends <paramref name="data"/> as DATA frames on <paramref name="stream"/>, waiting for window as needed.</summary>
    public async ValueTask SendDataAsync(Http2Stream stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int granted = await AcquireSendWindowAsync(stream, data.Length, cancellationToken).ConfigureAwait(false);
            try
            {
                await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ReturnSendWindow(stream, granted);
                throw;
            }

            try
            {
                ThrowIfCannotSend(stream);
                await SendLockedAsync(BuildDataFrames(stream.Id, data[..granted], endStream: false)).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            data = data[granted..];
        }
    }

    /// <summary>Ends the request body: an empty DATA frame with END_STREAM.</summary>
    public async ValueTask EndRequestAsync(Http2Stream stream, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfCannotSend(stream);
            var header = new byte[Http2Protocol.FrameHeaderLength];
            new FrameHeader(0, Http2Protocol.Data, Http2Protocol.EndStream, stream.Id).Write(header);
            await SendLockedAsync([new ArraySegment<byte>(header)]).ConfigureAwait(false);
            lock (_sync)
            {
                stream.RequestEnded = true;
            }
        }
        finally
        {
            _writeLock.Release();
        }

        CloseIfDone(stream);
    }

    /// <summary>Sends a small control frame; failures fail the connection, not the caller.</summary>
    internal async Task SendControlAsync(byte[] frame)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _failure) is null)
            {
                await SendLockedAsync([new ArraySegment<byte>(frame)]).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // SendLockedAsync has already failed the connection.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes the segments in order; the caller holds the write lock.</summary>
    private async ValueTask SendLockedAsync(List<ArraySegment<byte>> segments)
    {
        try
        {
            if (_socket is not null)
            {
                await SendGatherAsync(_socket, segments).ConfigureAwait(false);
            }
            else
            {
                foreach (ArraySegment<byte> segment in segments)
                {
                    await _transport.WriteAsync(segment).ConfigureAwait(false);
                }

                await _transport.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Abort(ex);
            throw new IOException("The HTTP/2 connection failed while sending: " + ex.Message, ex);
        }
    }

    private static async ValueTask SendGatherAsync(Socket socket, List<ArraySegment<byte>> segments)
    {
        int remaining = 0;
        foreach (ArraySegment<byte> s in segments)
        {
            remaining += s.Count;
        }

        while (true)
        {
            int sent = await socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            remaining -= sent;
            if (remaining <= 0)
            {
                return;
            }

            // A partial send: drop what went out and send the rest.
            while (sent >= segments[0].Count)
            {
                sent -= segments[0].Count;
                segments.RemoveAt(0);
            }

            segments[0] = segments[0][sent..];
        }
    }

    private List<ArraySegment<byte>> BuildDataFrames(int streamId, ReadOnlyMemory<byte> data, bool endStream)
    {
        ArraySegment<byte> payload = MemoryMarshal.TryGetArray(data, out ArraySegment<byte> array) ? array : new ArraySegment<byte>(data.ToArray());
        int maxFrame = Volatile.Read(ref _peerMaxFrameSize);
        int frames = (payload.Count + maxFrame - 1) / maxFrame;
        var headers = new byte[frames * Http2Protocol.FrameHeaderLength];
        var segments = new List<ArraySegment<byte>>(2 * frames);
        for (int i = 0, offset = 0; i < frames; i++, offset += maxFrame)
        {
            int length = Math.Min(maxFrame, payload.Count - offset);
            byte flags = endStream && i == frames - 1 ? Http2Protocol.EndStream : (byte)0;
            new FrameHeader(length, Http2Protocol.Data, flags, streamId).Write(headers.AsSpan(i * Http2Protocol.FrameHeaderLength));
            segments.Add(new ArraySegment<byte>(headers, i * Http2Protocol.FrameHeaderLength, Http2Protocol.FrameHeaderLength));
            segments.Add(payload.Slice(offset, length));
        }

        return segments;
    }

    private async ValueTask<int> AcquireSendWindowAsync(Http2Stream stream, int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                ThrowIfCannotSend(stream);
                long granted = Math.Min(wanted, Math.Min(stream.SendWindow, _connectionSendWindow));
                if (granted > 0)
                {
                    stream.SendWindow -= granted;
                    _connectionSendWindow -= granted;
                    return (int)granted;
                }

                _windowChanged ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _windowChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ReturnSendWindow(Http2Stream stream, int granted)
    {
        lock (_sync)
        {
            stream.SendWindow += granted;
            _connectionSendWindow += granted;
        }

        SignalWindowChanged();
    }

    private void ThrowIfCannotSend(Http2Stream stream)
    {
        lock (_sync)
        {
            if (stream.Failure is { } failure)
            {
                throw failure is OperationCanceledException ? failure : new IOException("The HTTP/2 stream has ended: " + failure.Message, failure);
            }

            if (stream.RequestEnded)
            {
                throw new IOException("The request body has already ended (the server may have completed the call).");
            }

            if (_failure is { } connectionFailure)
            {
                throw new IOException("The HTTP/2 connection failed: " + connectionFailure.Message, connectionFailure);
            }
        }
    }
}
