using System.Net.Security;
using FedUnlearn.Rpc.Client.Internal.Http2;

namespace FedUnlearn.Rpc.Client;

/// <summary>Building the HTTP handler a channel sends through, from its options.</summary>
public sealed partial class GrpcChannel
{
    private static Http2ClientSettings CreateHttp2Settings(GrpcChannelOptions options) => new()
    {
        InitialStreamWindowSize = options.InitialStreamWindowSize,
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        ConnectTimeout = options.ConnectTimeout,
        ServerCertificateValidation = options.ServerCertificateValidation,
        ClientCertificate = options.ClientCertificate,
    };

    private static SocketsHttpHandler CreateSocketsHandler(GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            InitialHttp2StreamWindowSize = options.InitialStreamWindowSize,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        if (options.ServerCertificateValidation is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        if (options.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        handler.SslOptions.ApplicationProtocols = [SslApplicationProtocol.Http2];
        return handler;
    }
}
