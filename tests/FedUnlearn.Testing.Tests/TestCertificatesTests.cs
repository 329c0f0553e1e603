using System.Security.Cryptography.X509Certificates;

namespace FedUnlearn.Testing.Tests;

public sealed class TestCertificatesTests
{
    [Fact]
    public void Create_Server_HasPrivateKeyLoopbackNamesAndServerUsage()
    {
        using X509Certificate2 certificate = TestCertificates.Create("localhost", server: true);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("CN=localhost", certificate.Subject);
        var names = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([System.Net.IPAddress.Loopback], names.EnumerateIPAddresses());
        var usage = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
    }

    [Fact]
    public void Create_Client_HasClientUsageAndNoAlternativeNames()
    {
        using X509Certificate2 certificate = TestCertificates.Create("node-7", server: false);

        Assert.Equal("CN=node-7", certificate.Subject);
        Assert.Empty(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        var usage = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
    }
}
