using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using FedUnlearn.Rpc.Tests.Support;

namespace FedUnlearn.Rpc.Tests.Server;

/// <summary>TLS (ALPN h2) with a self-signed certificate, server-only and mutual.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task UnaryCall_TlsWithPinnedCertificate_Succeeds()
    {
        using X509Certificate2 certificate = TestCertificates.Create("fedunlearn-test-server", server: true);
        await using GrpcServer server = await StartAsync(new GrpcServerOptions { Certificate = certificate });
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
        });

        EchoReply reply = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "secure" });

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal("secure", reply.Text);
    }

    [Fact]
    public async Task UnaryCall_UntrustedCertificate_Unavailable()
    {
        using X509Certificate2 certificate = TestCertificates.Create("fedunlearn-test-server", server: true);
        await using GrpcServer server = await StartAsync(new GrpcServerOptions { Certificate = certificate });
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address);

        RpcException ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_MutualTls_HandlerSeesClientCertificate()
    {
        using X509Certificate2 serverCertificate = TestCertificates.Create("fedunlearn-test-server", server: true);
        using X509Certificate2 clientCertificate = TestCertificates.Create("hospital-7", server: false);
        await using GrpcServer server = await StartAsync(new GrpcServerOptions
        {
            Certificate = serverCertificate,
            RequireClientCertificate = true,
            ClientCertificateValidation = (presented, _, _) => presented.Thumbprint == clientCertificate.Thumbprint,
        });
        using GrpcChannel channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            ServerCertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == serverCertificate.GetCertHashString(),
            ClientCertificate = clientCertificate,
        });

        EchoReply reply = await channel.UnaryAsync(Echo.Unary, new EchoRequest { Text = "peercert" });

        Assert.Equal(clientCertificate.Thumbprint, reply.Text);
    }

    [Fact]
    public void Options_PlaintextOnNonLoopback_Refused()
    {
        var options = new GrpcServerOptions { Address = System.Net.IPAddress.Any };

        ArgumentException ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("non-loopback", ex.Message, StringComparison.Ordinal);
        options.AllowInsecureNonLoopback = true;
        options.Validate();
    }

    private static async Task<GrpcServer> StartAsync(GrpcServerOptions options)
    {
        var server = new GrpcServer(options);
        server.AddService(new EchoService().Definition);
        await server.StartAsync();
        return server;
    }
}
