using System.Globalization;
using System.Net;

namespace FedUnlearn.Client;

public sealed partial class FederationClientOptions
{
    /// <summary>Longest client id accepted (it travels in every call and names the node in the audit trail).</summary>
    public const int MaxClientIdLength = 128;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and how to fix it.</summary>
    public void Validate()
    {
        ValidateAddress();
        if (string.IsNullOrWhiteSpace(Token) || Token.Any(char.IsWhiteSpace))
            throw new ArgumentException("A bearer token without whitespace is required (the operator issues it with 'fedunlearn clients add NAME').", nameof(Token));
        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > MaxClientIdLength || ClientId.Any(char.IsControl))
            throw new ArgumentException($"A client id of 1..{MaxClientIdLength} characters without control characters is required (the NAME the token was issued for).", nameof(ClientId));
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("A data directory is required: the client keeps its tombstones and forget requests there.", nameof(DataDirectory));
        if (!IsValidDevice(Device))
            throw new ArgumentException($"Unknown device '{Device}'; expected 'cpu', 'cuda' or 'cuda:N'.", nameof(Device));
        if (Methods.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Method names must not be blank.", nameof(Methods));
        ArgumentOutOfRangeException.ThrowIfLessThan(AdapterCacheSize, 1, nameof(AdapterCacheSize));
        Amnesiac?.Validate();
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ValidateTls();
        ValidateResilience();
    }

    /// <summary>True for <c>cpu</c>, <c>cuda</c> and <c>cuda:N</c>.</summary>
    public static bool IsValidDevice(string? device) =>
        device is "cpu" or "cuda"
        || (device is not null && device.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(device.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private void ValidateAddress()
    {
        if (ServerAddress is null)
            throw new ArgumentException("A server address is required, e.g. https://fl.example.org:7443.", nameof(ServerAddress));
        if (!ServerAddress.IsAbsoluteUri || (ServerAddress.Scheme != Uri.UriSchemeHttp && ServerAddress.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"Server address '{ServerAddress}' must be an absolute http:// or https:// address.", nameof(ServerAddress));
        if (ServerAddress.AbsolutePath != "/")
            throw new ArgumentException($"Server address '{ServerAddress}' must not have a path; give scheme, host and port only.", nameof(ServerAddress));
        if (ServerAddress.Scheme == Uri.UriSchemeHttp && !IsLoopback(ServerAddress) && !Tls.AllowInsecureNonLoopback)
            throw new ArgumentException(
                $"Refusing plaintext http:// to {ServerAddress.Host}: the token and adapters would travel unencrypted. Use https://, " +
                "or set Tls.AllowInsecureNonLoopback for a trusted private network.", nameof(ServerAddress));
    }

    private void ValidateTls()
    {
        var https = ServerAddress!.Scheme == Uri.UriSchemeHttps;
        if (!https && (Tls.TrustedServerCertificate is not null || Tls.ClientCertificate is not null || Tls.DangerousAcceptAnyServerCertificateForTesting))
            throw new ArgumentException("TLS settings need an https:// server address.", nameof(Tls));
        if (Tls.DangerousAcceptAnyServerCertificateForTesting && Tls.TrustedServerCertificate is not null)
            throw new ArgumentException("Set either a trusted server certificate or the test-only accept-any override, not both.", nameof(Tls));
        if (Tls.ClientCertificate is { HasPrivateKey: false })
            throw new ArgumentException("The client certificate has no private key; mutual TLS needs one.", nameof(Tls));
    }

    private void ValidateResilience()
    {
        var r = Resilience;
        r.Calls.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(r.TransferAttemptTimeout, TimeSpan.Zero, "Resilience.TransferAttemptTimeout");
        ArgumentOutOfRangeException.ThrowIfLessThan(r.ReconnectBaseDelay, TimeSpan.Zero, "Resilience.ReconnectBaseDelay");
        ArgumentOutOfRangeException.ThrowIfLessThan(r.ReconnectMaxDelay, r.ReconnectBaseDelay, "Resilience.ReconnectMaxDelay");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(r.ReconnectMaxDelay, TimeSpan.FromDays(1), "Resilience.ReconnectMaxDelay");
        if (r.MaxReconnectAttempts is { } max)
            ArgumentOutOfRangeException.ThrowIfNegative(max, "Resilience.MaxReconnectAttempts");
        if (!(r.CircuitBreakerFailureRatio > 0 && r.CircuitBreakerFailureRatio <= 1))
            throw new ArgumentOutOfRangeException("Resilience.CircuitBreakerFailureRatio", r.CircuitBreakerFailureRatio, "Must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(r.CircuitBreakerMinimumThroughput, 2, "Resilience.CircuitBreakerMinimumThroughput");
        ArgumentOutOfRangeException.ThrowIfLessThan(r.CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), "Resilience.CircuitBreakerSamplingDuration");
        ArgumentOutOfRangeException.ThrowIfLessThan(r.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), "Resilience.CircuitBreakerBreakDuration");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(r.DefaultIdleStreamTimeout, TimeSpan.Zero, "Resilience.DefaultIdleStreamTimeout");
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
