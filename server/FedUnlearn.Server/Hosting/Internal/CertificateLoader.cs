using System.Security.Cryptography.X509Certificates;

namespace FedUnlearn.Server.Hosting.Internal;

/// <summary>Loads the TLS certificate: PKCS#12 (.pfx/.p12, with its password) or PEM (key in the password slot's file, or key.pem beside it).</summary>
internal static class CertificateLoader
{
    public static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            string extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".pem" or ".crt")
            {
                string keyPath = password ?? Path.Combine(Path.GetDirectoryName(path) ?? ".", "key.pem");
                return X509Certificate2.CreateFromPemFile(path, keyPath);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException($"Cannot load the TLS certificate '{path}': {ex.Message}", nameof(path), ex);
        }
    }
}
