using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>What one <see cref="Http2Handler"/> needs to open and run connections.</summary>
internal sealed record Http2ClientSettings
{
    /// <summary>Our SETTINGS_INITIAL_WINDOW_SIZE: how much each response may send ahead of the reader.</summary>
    public int InitialStreamWindowSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Our connection receive window (raised from 65,535 by a WINDOW_UPDATE after the preface).</summary>
    public int ConnectionWindowSize { get; init; } = 32 * 1024 * 1024;

    /// <summary>Our SETTINGS_MAX_FRAME_SIZE: larger frames from the peer are a FRAME_SIZE_ERROR.</summary>
    public int MaxFrameSize { get; init; } = 1024 * 1024;

    /// <summary>Largest decoded response header (or trailer) list, in HPACK units.</summary>
    public int MaxHeaderListSize { get; init; } = 1024 * 1024;

    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock of the connect timeout and keep-alive pings: real time, like SocketsHttpHandler (a channel's TimeProvider is for deadlines).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }
}
