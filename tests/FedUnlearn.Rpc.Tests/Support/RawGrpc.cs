using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using FedUnlearn.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>Hand-built HTTP/2 requests, for inputs our own client would never send.</summary>
internal static class RawGrpc
{
    public sealed record Response(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, byte[] Body, HttpResponseHeaders Trailers)
    {
        /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
        public string? GrpcStatus => Value(GrpcHeaders(), "grpc-status");

        public string? GrpcMessage => Value(GrpcHeaders(), "grpc-message");

        public string? Header(string name) => Value(Headers, name);

        private HttpHeaders GrpcHeaders() => Value(Headers, "grpc-status") is null ? Trailers : Headers;

        private static string? Value(HttpHeaders headers, string name) =>
            headers.NonValidated.TryGetValues(name, out HeaderStringValues values) ? values.ToString() : null;
    }

    public static byte[] Frame(IMessage message, byte flag = 0) => Frame(message.ToByteArray(), flag);

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        byte[] framed = new byte[5 + payload.Length];
        framed[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    public static async Task<Response> SendAsync(Uri address, string path, byte[] body, string contentType = "application/grpc",
        IEnumerable<KeyValuePair<string, string>>? headers = null, HttpMethod? method = null)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (method is null || method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("content-type", contentType);
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (KeyValuePair<string, string> header in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        byte[] responseBody = await response.Content.ReadAsByteArrayAsync();
        return new Response(response.StatusCode, response.Headers, response.Content.Headers, responseBody, response.TrailingHeaders);
    }

    public static EchoReply ParseSingle(byte[] body, bool gzip = false)
    {
        Assert.True(body.Length >= 5, "no message frame in the response body");
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        Assert.Equal(5 + length, body.Length);
        byte[] payload = body[5..];
        if (body[0] == 1)
        {
            Assert.True(gzip, "unexpected compressed response");
            using var input = new MemoryStream(payload);
            using var inflate = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            inflate.CopyTo(output);
            payload = output.ToArray();
        }

        return EchoReply.Parser.ParseFrom(payload);
    }
}
