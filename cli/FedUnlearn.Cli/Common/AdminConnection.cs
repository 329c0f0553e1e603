using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Cli.Common;

/// <summary>A channel to the server's Admin service with the admin token, from the shared connection options.</summary>
internal sealed class AdminConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    private AdminConnection(GrpcChannel channel, string token)
    {
        _channel = channel;
        Admin = new AdminRpcClient(channel, token);
    }

    public AdminRpcClient Admin { get; }

    /// <summary>The connection options every admin command takes.</summary>
    internal sealed record Options(Option<string> Server, Option<string?> AdminToken, Option<FileInfo?> CaCert, Option<bool> Insecure)
    {
        public static Options Create() => new(CliOptions.Server(), CliOptions.AdminToken(), CliOptions.CaCertificate(), CliOptions.InsecureSkipVerify());

        public void AddTo(Command command)
        {
            command.Options.Add(Server);
            command.Options.Add(AdminToken);
            command.Options.Add(CaCert);
            command.Options.Add(Insecure);
        }
    }

    public static AdminConnection Open(ParseResult parse, Options options)
    {
        var address = CliOptions.ParseAddress(parse.GetValue(options.Server)!);
        var token = CliOptions.RequireToken(parse, options.AdminToken, CliOptions.AdminTokenVariable);
        var channelOptions = new GrpcChannelOptions();
        if (parse.GetValue(options.Insecure))
        {
            channelOptions.ServerCertificateValidation = static (_, _, _, _) => true;
        }
        else if (parse.GetValue(options.CaCert) is { } file)
        {
            var trusted = LoadCertificate(file);
            channelOptions.ServerCertificateValidation = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && ChainsTo(trusted, certificate, errors));
        }

        return new AdminConnection(GrpcChannel.ForAddress(address, channelOptions), token);
    }

    public static X509Certificate2 LoadCertificate(FileInfo file)
    {
        if (!file.Exists) throw new CliException($"Certificate file '{file.FullName}' does not exist.");
        return X509CertificateLoader.LoadCertificateFromFile(file.FullName);
    }

    public void Dispose() => _channel.Dispose();

    private static bool ChainsTo(X509Certificate2 trusted, X509Certificate presented, System.Net.Security.SslPolicyErrors errors)
    {
        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        using var server = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
