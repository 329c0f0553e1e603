using System.Security.Cryptography.X509Certificates;

namespace FedUnlearn.Client;

/// <summary>How the client authenticates the server, and itself, over TLS (<c>https://</c> addresses).</summary>
public sealed class ClientTlsOptions
{
    /// <summary>
    /// A certificate to trust as the server's root (a private CA or a self-signed server certificate);
    /// the chain must end in it and the host name must match. Null uses the platform's trust store.
    /// </summary>
    public X509Certificate2? TrustedServerCertificate { get; set; }

    /// <summary>This node's certificate (with private key) for mutual TLS, when the server asks for one.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// Accepts any server certificate without checking it. For tests against throw-away certificates
    /// only: it removes the protection TLS exists for. Never set it in production.
    /// </summary>
    public bool DangerousAcceptAnyServerCertificateForTesting { get; set; }

    /// <summary>Allow plaintext <c>http://</c> to a non-loopback host. Only for a trusted private network.</summary>
    public bool AllowInsecureNonLoopback { get; set; }
}
