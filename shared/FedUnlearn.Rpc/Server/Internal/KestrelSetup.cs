using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>Kestrel settings for gRPC: HTTP/2 only, large windows, no body-rate or size limits.</summary>
internal static class KestrelSetup
{
    public static void Configure(KestrelServerOptions kestrel, GrpcServerOptions options)
    {
        kestrel.AddServerHeader = false;
        ApplyLimits(kestrel, options);
        kestrel.Listen(options.Address, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (options.Certificate is null)
            {
                return; // h2c with prior knowledge; Validate() allowed it (loopback or explicit opt-in).
            }

            listen.UseHttps(https =>
            {
                https.ServerCertificate = options.Certificate;
                if (options.RequireClientCertificate)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    if (options.ClientCertificateValidation is { } validate)
                    {
                        https.ClientCertificateValidation = (certificate, chain, errors) => validate(certificate, chain, errors);
                    }
                }
            });
        });
    }

    /// <summary>The limits alone, for hosts that configure their own endpoints.</summary>
    public static void ApplyLimits(KestrelServerOptions kestrel, GrpcServerOptions options)
    {
        KestrelServerLimits limits = kestrel.Limits;

        // Streams are long-lived and bursty (uploads pause while a client trains): rate and size
        // limits would kill legitimate calls; gRPC's own message size limit protects memory.
        limits.MaxRequestBodySize = null;
        limits.MinRequestBodyDataRate = null;
        limits.MinResponseDataRate = null;
        limits.Http2.InitialConnectionWindowSize = options.InitialConnectionWindowSize;
        limits.Http2.InitialStreamWindowSize = options.InitialStreamWindowSize;
        limits.Http2.MaxFrameSize = options.MaxFrameSize;
        limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
        limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
    }
}
