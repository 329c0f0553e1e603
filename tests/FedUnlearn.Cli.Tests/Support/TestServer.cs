using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Cli.Tests.Support;

/// <summary>A real aggregator on 127.0.0.1:0 over a temporary directory, for the admin commands to talk to.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string AdminToken = "cli-test-admin-token-0123";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fedunlearn-cli-" + Guid.NewGuid().ToString("N"));

    public FederationServer Server { get; private set; } = null!;

    public string Address => Server.Address.ToString().TrimEnd('/');

    /// <summary>The server's data directory (store, audit log and its keys).</summary>
    public string DataDirectory => _directory;

    public static ParameterSet Adapter() => new([new ParameterTensor("fc.lora_A", [2, 2], [1, 2, 3, 4]), new ParameterTensor("fc.lora_B", [2, 2], [0, 0, 0, 0])]);

    public static async Task<TestServer> StartAsync()
    {
        var test = new TestServer();
        test.Server = new FederationServer(new FederationServerOptions
        {
            FederationName = "cli-test-federation",
            DataDirectory = test._directory,
            AdminToken = AdminToken,
            InitialAdapter = Adapter(),
            Model = new ModelSpec { Architecture = "mlp", NumClasses = 10, Lora = new LoraSpec { Rank = 2, Alpha = 4 } },
            ShutdownTimeout = TimeSpan.FromSeconds(1),
        });
        await test.Server.StartAsync();
        return test;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* leftover temp dir */ }
    }
}
