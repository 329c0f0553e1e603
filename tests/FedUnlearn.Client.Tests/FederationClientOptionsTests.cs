namespace FedUnlearn.Client.Tests;

public sealed class FederationClientOptionsTests
{
    private static FederationClientOptions Valid() => new()
    {
        ServerAddress = new Uri("https://fl.example.org:7443"),
        Token = "secret-token",
        ClientId = "hospital-a",
        DataDirectory = "/var/lib/fedunlearn",
    };

    [Fact]
    public void Validate_CompleteOptions_Passes() => Valid().Validate();

    [Fact]
    public void Validate_AmnesiacJournalOutOfRange_NamesTheSetting_NullDisablesIt()
    {
        var options = Valid();
        Assert.NotNull(options.Amnesiac);
        options.Amnesiac = new FedUnlearn.Learning.Unlearning.Amnesiac.AmnesiacJournalOptions { MaxRounds = 0 };
        Assert.Contains("MaxRounds", Assert.ThrowsAny<ArgumentException>(options.Validate).Message);
        options.Amnesiac = null;
        options.Validate();
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void Validate_KnownDevice_Passes(string device)
    {
        var options = Valid();
        options.Device = device;
        options.Validate();
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("CPU")]
    public void Validate_UnknownDevice_NamesTheChoices(string device)
    {
        var options = Valid();
        options.Device = device;
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("'cpu', 'cuda' or 'cuda:N'", error.Message);
    }

    [Fact]
    public void Validate_PlaintextToRemoteHost_IsRefused()
    {
        var options = Valid();
        options.ServerAddress = new Uri("http://fl.example.org:7443");
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("plaintext", error.Message);
        options.Tls.AllowInsecureNonLoopback = true;
        options.Validate();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    public void Validate_PlaintextToLoopback_Passes(string address)
    {
        var options = Valid();
        options.ServerAddress = new Uri(address);
        options.Validate();
    }

    [Theory]
    [InlineData(nameof(FederationClientOptions.ServerAddress))]
    [InlineData(nameof(FederationClientOptions.Token))]
    [InlineData(nameof(FederationClientOptions.ClientId))]
    [InlineData(nameof(FederationClientOptions.DataDirectory))]
    public void Validate_MissingRequiredSetting_NamesIt(string setting)
    {
        var options = Valid();
        switch (setting)
        {
            case nameof(FederationClientOptions.ServerAddress): options.ServerAddress = null; break;
            case nameof(FederationClientOptions.Token): options.Token = " "; break;
            case nameof(FederationClientOptions.ClientId): options.ClientId = ""; break;
            default: options.DataDirectory = ""; break;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Validate_AddressWithPath_IsRefused()
    {
        var options = Valid();
        options.ServerAddress = new Uri("https://fl.example.org/api");
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Validate_TlsOverrideOnPlaintext_IsRefused()
    {
        var options = Valid();
        options.ServerAddress = new Uri("http://127.0.0.1:5000");
        options.Tls.DangerousAcceptAnyServerCertificateForTesting = true;
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("https://", error.Message);
    }

    [Fact]
    public void Validate_BadResilienceSettings_AreRefused()
    {
        var options = Valid();
        options.Resilience.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1);
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        options = Valid();
        options.Resilience.CircuitBreakerFailureRatio = 0;
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        options = Valid();
        options.Resilience.Calls.MaxRetryAttempts = -1;
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public async Task CreateAsync_InvalidOptions_ThrowsBeforeOpeningTheStore()
    {
        var options = Valid();
        options.DataDirectory = Path.Combine(Path.GetTempPath(), "fedunlearn-never-" + Guid.NewGuid().ToString("N"));
        options.Device = "tpu";

        await Assert.ThrowsAsync<ArgumentException>(() => FederationClient.CreateAsync(options, _ => new Support.FakeLearner()));

        Assert.False(Directory.Exists(options.DataDirectory));
    }
}
