using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Client.Internal;

/// <summary>Builds the channel to the server from the client's options (TLS trust, client certificate, message limits).</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(FederationClientOptions options)
    {
        var channelOptions = new GrpcChannelOptions
        {
            BearerToken = options.Token,
            TimeProvider = options.TimeProvider,
            ClientCertificate = options.Tls.ClientCertificate,
            // A FetchAdapter chunk is at most 1 MiB plus framing; leave headroom for the header message.
            MaxReceiveMessageSize = 4 << 20,
        };
        if (options.Tls.DangerousAcceptAnyServerCertificateForTesting)
        {
            channelOptions.ServerCertificateValidation = static (_, _, _, _) => true;
        }
        else if (options.Tls.TrustedServerCertificate is { } trusted)
        {
            channelOptions.ServerCertificateValidation = (_, certificate, _, errors) => IsTrusted(trusted, certificate, errors);
        }

        return GrpcChannel.ForAddress(options.ServerAddress!, channelOptions);
    }

    /// <summary>Accepts the platform's verdict, or a chain that ends in <paramref name="trusted"/> with a matching host name.</summary>
    internal static bool IsTrusted(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;

        using var server = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
