using System.Security.Cryptography;

namespace FedUnlearn.Server.Audit;

/// <summary>
/// The server's ECDSA P-256 key that signs audit records. Kept in the data directory as PKCS#8 PEM
/// (mode 0600 on Unix) beside its SPKI public key, which is all a third party needs to verify.
/// </summary>
public sealed partial class AuditSigningKey : IDisposable
{
    /// <summary>File name of the private key (PKCS#8 PEM) in the data directory.</summary>
    public const string PrivateKeyFileName = "audit-signing-key.pem";

    /// <summary>File name of the public key (SubjectPublicKeyInfo PEM) in the data directory.</summary>
    public const string PublicKeyFileName = "audit-signing-key.pub.pem";

    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = ComputeKeyId(key);
    }

    /// <summary>First 16 lower-case hex characters of SHA-256 over the DER SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The public key as SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem { get; }

    /// <summary>A fresh in-memory key (tests, simulations); <see cref="LoadOrCreateAsync"/> persists one.</summary>
    public static AuditSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a key from PKCS#8 (or SEC1) private-key PEM text.</summary>
    /// <exception cref="ArgumentException">The text is not a P-256 private key.</exception>
    public static AuditSigningKey FromPrivateKeyPem(string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            if (key.KeySize != 256) throw new ArgumentException($"Audit signing key must be ECDSA P-256, not a {key.KeySize}-bit key.", nameof(privateKeyPem));
            _ = key.ExportECPrivateKey(); // throws for a public-only key
            return new AuditSigningKey(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException($"Audit signing key is not a readable ECDSA P-256 private key: {e.Message}", nameof(privateKeyPem), e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The PKCS#8 PEM of the private key (for backups; handle with care).</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Signs a 32-byte SHA-256 digest: ECDSA P-256 over the digest, IEEE P1363 r‖s (64 bytes). As the
    /// digest is SHA-256 of the preimage, this is a standard ECDSA-with-SHA-256 signature of the preimage.
    /// </summary>
    internal byte[] SignHash(ReadOnlySpan<byte> sha256) =>
        _key.SignHash(sha256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    internal static string ComputeKeyId(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
