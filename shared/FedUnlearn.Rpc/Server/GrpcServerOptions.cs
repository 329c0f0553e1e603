using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Internal;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server;

/// <summary>How a gRPC server listens and what it accepts. Checked by <see cref="Validate"/>.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>IP address to listen on (default loopback).</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="GrpcServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>TLS certificate (with private key). Null means plaintext h2c, allowed only on loopback.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Require clients to present a TLS certificate (mutual TLS).</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>Checks a client certificate under mutual TLS; null uses the platform's chain validation.</summary>
    public Func<X509Certificate2, X509Chain?, SslPolicyErrors, bool>? ClientCertificateValidation { get; set; }

    /// <summary>How long <see cref="GrpcServer.StopAsync"/> lets running calls finish before aborting them (default 5 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Allow plaintext on a non-loopback address. Only for trusted networks.</summary>
    public bool AllowInsecureNonLoopback { get; set; }

    /// <summary>Largest request message accepted, in bytes (default 4 MiB); larger ones get RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest response message sent, in bytes (default unlimited).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Gzip responses when the client accepts gzip.</summary>
    public bool CompressResponses { get; set; }

    /// <summary>Put exception type and message in UNKNOWN statuses (never in production).</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptors, outermost first.</summary>
    public IList<IServerInterceptor> Interceptors { get; } = [];

    /// <summary>HTTP/2 connection flow-control window in bytes (default 16 MiB).</summary>
    public int InitialConnectionWindowSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>HTTP/2 per-stream flow-control window in bytes (default 8 MiB).</summary>
    public int InitialStreamWindowSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest HTTP/2 frame the server accepts, in bytes (default 1 MiB).</summary>
    public int MaxFrameSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Size in bytes of the buffers Kestrel receives into and moves request bodies in (default
    /// 64 KiB; null keeps Kestrel's own 4 KiB pool). Large buffers cut the server's CPU per MiB
    /// received by more than half on 1 MiB messages; see <see cref="GrpcWebHostBuilderExtensions.UseGrpcTransportBuffers"/>.
    /// </summary>
    public int? TransportBufferSize { get; set; } = GrpcWebHostBuilderExtensions.DefaultTransportBufferSize;

    /// <summary>Concurrent calls per connection (default 1000).</summary>
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>Interval of server keep-alive pings on idle connections (default 1 minute).</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a keep-alive ping may go unanswered before the connection closes (default 20 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Clock for deadlines (fake it in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address, nameof(Address));
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxReceiveMessageSize, nameof(MaxReceiveMessageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSendMessageSize, nameof(MaxSendMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialConnectionWindowSize, 65_535, nameof(InitialConnectionWindowSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialStreamWindowSize, 65_535, nameof(InitialStreamWindowSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 16_384, nameof(MaxFrameSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFrameSize, 16_777_215, nameof(MaxFrameSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxStreamsPerConnection, nameof(MaxStreamsPerConnection));
        if (TransportBufferSize is { } bufferSize)
        {
            GrpcWebHostBuilderExtensions.ValidateBufferSize(bufferSize, nameof(TransportBufferSize));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (Certificate is null && !IPAddress.IsLoopback(Address) && !AllowInsecureNonLoopback)
        {
            throw new ArgumentException(
                $"Refusing plaintext HTTP/2 on non-loopback address {Address}: configure a Certificate, or set AllowInsecureNonLoopback for a trusted network.",
                nameof(Certificate));
        }

        if (RequireClientCertificate && Certificate is null)
        {
            throw new ArgumentException("RequireClientCertificate needs TLS: configure a Certificate.", nameof(RequireClientCertificate));
        }
    }
}
