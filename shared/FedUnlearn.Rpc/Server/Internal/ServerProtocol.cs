using System.Globalization;
using FedUnlearn.Rpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>Checks a request against the protocol before any handler runs.</summary>
internal static class ServerProtocol
{
    /// <summary>False when the request was refused (a response has been set up).</summary>
    public static bool Validate(HttpContext http, ILogger logger)
    {
        HttpRequest request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(http, StatusCodes.Status405MethodNotAllowed, StatusCode.Internal, "gRPC requires POST", logger);
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            // The spec's 415 keeps plain HTTP/2 clients from mistaking an error for success.
            Reject(http, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal,
                $"Content-Type '{request.ContentType}' is not supported", logger);
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            Reject(http, StatusCodes.Status426UpgradeRequired, StatusCode.Internal, "gRPC requires HTTP/2", logger);
            http.Response.Headers.Upgrade = "h2";
            return false;
        }

        string? encoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (!string.IsNullOrEmpty(encoding)
            && !encoding.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase)
            && !encoding.Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
        {
            WriteTrailersOnly(http, StatusCode.Unimplemented,
                $"Unsupported grpc-encoding '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}");
            RpcLog.RequestRejected(logger, request.Path, "unsupported grpc-encoding " + encoding);
            return false;
        }

        return true;
    }

    /// <summary>A complete gRPC error response in one HEADERS frame.</summary>
    public static void WriteTrailersOnly(HttpContext http, StatusCode code, string detail)
    {
        HttpResponse response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        response.Headers[GrpcProtocol.StatusTrailer] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(detail);
    }

    private static void Reject(HttpContext http, int httpStatus, StatusCode code, string reason, ILogger logger)
    {
        RpcLog.RequestRejected(logger, http.Request.Path, reason);
        http.Response.StatusCode = httpStatus;
        http.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)code).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(reason);
    }
}
