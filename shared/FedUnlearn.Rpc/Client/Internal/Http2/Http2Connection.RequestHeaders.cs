using System.Buffers;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Request headers: HPACK-encoded, split into HEADERS and CONTINUATION frames.</summary>
internal sealed partial class Http2Connection
{
    private static byte[] EncodeRequestHeaders(HttpRequestMessage request)
    {
        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var block = new ArrayBufferWriter<byte>(512);
        HpackEncoder.Encode(":method", request.Method.Method, block);
        HpackEncoder.Encode(":scheme", uri.Scheme, block);
        HpackEncoder.Encode(":authority", uri.Authority, block);
        HpackEncoder.Encode(":path", uri.PathAndQuery, block);
        EncodeHeaders(request.Headers, block);
        if (request.Content is { } content)
        {
            EncodeHeaders(content.Headers, block);
        }

        return block.WrittenSpan.ToArray();
    }

    private static void EncodeHeaders(System.Net.Http.Headers.HttpHeaders headers, ArrayBufferWriter<byte> block)
    {
        foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in headers.NonValidated)
        {
            string name = header.Key.ToLowerInvariant();
            if (name is "connection" or "keep-alive" or "proxy-connection" or "transfer-encoding" or "upgrade" or "host")
            {
                continue; // connection-specific headers are malformed in HTTP/2 (RFC 9113 §8.2.2)
            }

            foreach (string value in header.Value)
            {
                HpackEncoder.Encode(name, value, block);
            }
        }
    }

    private List<ArraySegment<byte>> BuildHeaderFrames(int streamId, byte[] block, bool endStream)
    {
        int maxFrame = Volatile.Read(ref _peerMaxFrameSize);
        var segments = new List<ArraySegment<byte>>();
        int offset = 0;
        do
        {
            int length = Math.Min(maxFrame, block.Length - offset);
            bool first = offset == 0;
            bool last = offset + length == block.Length;
            byte flags = (byte)((last ? Http2Protocol.EndHeaders : 0) | (first && endStream ? Http2Protocol.EndStream : 0));
            var header = new byte[Http2Protocol.FrameHeaderLength];
            new FrameHeader(length, first ? Http2Protocol.Headers : Http2Protocol.Continuation, flags, streamId).Write(header);
            segments.Add(new ArraySegment<byte>(header));
            segments.Add(new ArraySegment<byte>(block, offset, length));
            offset += length;
        }
        while (offset < block.Length);
        return segments;
    }
}
