using FedUnlearn.Client.Internal;
using FedUnlearn.Client.Tests.Support;
using System.Net.Security;

namespace FedUnlearn.Client.Tests;

public sealed class FederationClientTlsTests
{
    [Fact]
    public async Task RunAsync_TrustedSelfSignedServerCertificate_Joins()
    {
        using var certificate = TestCertificates.Create("localhost", server: true);
        await using var h = await ClientHarness.StartServerAsync(certificate: certificate);
        var options = h.Options();
        options.Tls.TrustedServerCertificate = X509Public(certificate);
        await h.StartClientAsync(options);

        Assert.Equal("alice", await h.Server.Subscriptions.NextAsync());
    }

    [Fact]
    public async Task RunAsync_UntrustedServerCertificate_FailsWithoutReconnecting()
    {
        using var certificate = TestCertificates.Create("localhost", server: true);
        await using var h = await ClientHarness.StartServerAsync(certificate: certificate);
        await h.CreateClientAsync();

        var error = await Assert.ThrowsAsync<FederationClientException>(() => h.Client.RunAsync()).WaitAsync(ClientHarness.Patience);

        Assert.Contains("TLS handshake", error.Message);
        Assert.False(h.Disconnects.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RunAsync_TestOnlyAcceptAnyCertificate_Joins()
    {
        using var certificate = TestCertificates.Create("localhost", server: true);
        await using var h = await ClientHarness.StartServerAsync(certificate: certificate);
        var options = h.Options();
        options.Tls.DangerousAcceptAnyServerCertificateForTesting = true;
        await h.StartClientAsync(options);

        Assert.Equal("alice", await h.Server.Subscriptions.NextAsync());
    }

    [Fact]
    public void IsTrusted_OtherCertificateOrNameMismatch_IsRejected()
    {
        using var server = TestCertificates.Create("localhost", server: true);
        using var other = TestCertificates.Create("someone-else", server: true);

        Assert.True(ChannelFactory.IsTrusted(server, server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ChannelFactory.IsTrusted(other, server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ChannelFactory.IsTrusted(server, server, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.True(ChannelFactory.IsTrusted(other, server, SslPolicyErrors.None));
    }

    // What a client would really hold: the server's certificate without its private key.
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 X509Public(
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
}
