using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Internal;

namespace FedUnlearn.Rpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>. Checked by <see cref="Validate"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes (default 4 MiB); larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent, in bytes (default unlimited).</summary>
    public int MaxSendMessageSize { get; set; } = int.MaxValue;

    /// <summary>Gzip every request message (the server must accept gzip, as gRPC servers do).</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Bearer token sent with every call unless a call sets its own.</summary>
    public string? BearerToken { get; set; }

    /// <summary>HTTP/2 per-stream receive window in bytes (default 8 MiB): bigger windows, faster downloads.</summary>
    public int InitialStreamWindowSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Interval of keep-alive pings while calls are active (default 30 s).</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a keep-alive ping may go unanswered before the connection fails (default 20 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>TCP/TLS connect timeout (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Custom server certificate check (e.g. pinning a self-signed certificate); null uses the platform's.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>Client certificate for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// The HTTP/2 client underneath (default <see cref="HttpTransport.Http2Client"/>, FedUnlearn's own;
    /// <see cref="HttpTransport.SocketsHttpHandler"/> selects .NET's). Both honour every setting here.
    /// </summary>
    public HttpTransport Transport { get; set; } = HttpTransport.Http2Client;

    /// <summary>Clock for deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxReceiveMessageSize, nameof(MaxReceiveMessageSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSendMessageSize, nameof(MaxSendMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialStreamWindowSize, 65_535, nameof(InitialStreamWindowSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialStreamWindowSize, 16 * 1024 * 1024, nameof(InitialStreamWindowSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingDelay, TimeSpan.Zero, nameof(KeepAlivePingDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingTimeout, TimeSpan.Zero, nameof(KeepAlivePingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        if (!Enum.IsDefined(Transport))
        {
            throw new ArgumentOutOfRangeException(nameof(Transport), Transport, "Unknown HTTP transport.");
        }
    }
}
