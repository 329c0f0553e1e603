using System.Net;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Server.Tests.Federation.Hosting;

public sealed class FederationServerOptionsTests
{
    private static FederationServerOptions Valid() => new() { DataDirectory = "/tmp/x", AdminToken = "0123456789abcdef" };

    [Fact]
    public void Validate_PlaintextOnNonLoopbackAddress_RefusesWithAClearError()
    {
        FederationServerOptions options = Valid();
        options.Address = IPAddress.Any;

        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(FederationServerOptions.CertificatePath), error.ParamName);
        Assert.Contains("Refusing to serve plaintext HTTP/2 on 0.0.0.0", error.Message);
    }

    [Theory]
    [InlineData(nameof(FederationServerOptions.AdminToken))]
    [InlineData(nameof(FederationServerOptions.DataDirectory))]
    [InlineData(nameof(FederationServerOptions.Strategy))]
    [InlineData(nameof(FederationServerOptions.ClientFraction))]
    [InlineData(nameof(FederationServerOptions.MinUpdates))]
    [InlineData(nameof(FederationServerOptions.MaxMessageSize))]
    public void Validate_InvalidSetting_NamesIt(string setting)
    {
        FederationServerOptions options = Valid();
        switch (setting)
        {
            case nameof(FederationServerOptions.AdminToken): options.AdminToken = "short"; break;
            case nameof(FederationServerOptions.DataDirectory): options.DataDirectory = " "; break;
            case nameof(FederationServerOptions.Strategy): options.Strategy = "krum"; break;
            case nameof(FederationServerOptions.ClientFraction): options.ClientFraction = 1.5; break;
            case nameof(FederationServerOptions.MinUpdates): options.ClientsPerRound = 2; options.MinUpdates = 3; break;
            default: options.MaxMessageSize = options.ChunkSize; break;
        }

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public async Task StartAsync_FreshDirectoryWithoutInitialAdapter_ExplainsWhatIsMissing()
    {
        using var directory = new TempDirectory("fedunlearn-server-");
        FederationServerOptions options = Valid();
        options.DataDirectory = directory.Path;
        await using var server = new FederationServer(options);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());

        Assert.Contains("holds no global adapter yet", error.Message);
    }
}
