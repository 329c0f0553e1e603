using System.Text.RegularExpressions;
using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Client.Learning;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Cli.Tests.Commands;

/// <summary>The operator's whole flow through the command classes: pretrain → server --base → clients add ×2 → client ×2.</summary>
public sealed partial class OperatorFlowTests
{
    private const string AdminToken = "flow-test-admin-token-0123";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PretrainServerClients_TwoRounds_CommitsTwoVersionsThatMoveTheAdapter()
    {
        using var dir = new TempDirectory();
        var basePath = dir.File("base.safetensors");
        var pretrain = await CliRun.RunAsync("pretrain", "--hidden-sizes", "16", "--epochs", "1", "--public-fraction", "0.1", "--out", basePath);
        Assert.True(pretrain.ExitCode == 0, pretrain.All);
        // Client a finds the base in its data directory; client b is given --base.
        Directory.CreateDirectory(dir.File("a"));
        File.Copy(basePath, Path.Combine(dir.File("a"), BaseModelFile.DefaultFileName));

        var serverOut = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        var server = CliApp.RunAsync(["server", "-d", dir.File("server"), "--port", "0", "--admin-token", AdminToken, "--base", basePath,
            "--rounds", "2", "--min-clients", "2", "--min-updates", "2", "--lora-rank", "2", "--lora-init-seed", "3"], serverOut, new StringWriter(), stop.Token);
        var address = await AddressAsync(serverOut, server);
        var tokenA = await AddClientAsync(address, "a");
        var tokenB = await AddClientAsync(address, "b");

        var clientOutA = new SignallingWriter("sent r2-a:");
        var clientOutB = new SignallingWriter("sent r2-b:");
        var clientA = CliApp.RunAsync(["client", "-s", address, "--token", tokenA, "-n", "a", "-d", dir.File("a"), "--clients", "2", "--client-index", "0",
            "--public-fraction", "0.1"], clientOutA, clientOutA, stop.Token);
        var clientB = CliApp.RunAsync(["client", "-s", address, "--token", tokenB, "-n", "b", "-d", dir.File("b"), "--base", basePath, "--clients", "2",
            "--client-index", "1", "--public-fraction", "0.1"], clientOutB, clientOutB, stop.Token);
        try
        {
            Assert.Equal(0, await server.WaitAsync(Patience));
            // The server is done once round 2 commits; each client reports its last submission when the answer reaches it.
            await Task.WhenAll(clientOutA.Seen.Task, clientOutB.Seen.Task).WaitAsync(Patience);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await clientA.WaitAsync(Patience));
        Assert.Equal(0, await clientB.WaitAsync(Patience));
        Assert.Contains("All 2 rounds are committed", serverOut.ToString());
        var info = await BaseModelInfo.ReadAsync(basePath);
        Assert.Contains($"base sha256 {info.Sha256}", serverOut.ToString());
        // 6000 synthetic samples, 10% public, the rest split in two.
        Assert.Contains("Local data: 2700 training samples", clientOutA.ToString());
        Assert.Contains("sent r2-a: Accepted", clientOutA.ToString());
        Assert.Contains("sent r2-b: Accepted", clientOutB.ToString());

        await using var store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = dir.File("server") });
        var latest = await store.LatestGlobalVersionAsync();
        Assert.Equal((2L, 2L), (latest!.Version, latest.Round!.Value));
        var v0 = await store.LoadGlobalAsync(0);
        var v2 = await store.LoadGlobalAsync(2);
        // Version 0 is the adapter the server built from the base without libtorch; training moved it.
        Assert.Equal(info.InitialAdapter(info.LoRA(2, 8), 3).ContentHash(), v0.ContentHash());
        Assert.Null(v0.DescribeLayoutMismatch(v2));
        Assert.NotEqual(v0.ContentHash(), v2.ContentHash());
        Assert.Contains(v2, t => t.Name.EndsWith("lora_B", StringComparison.Ordinal) && t.Data.Any(v => v != 0));
    }

    private static async Task<string> AddressAsync(SignallingWriter serverOut, Task<int> server)
    {
        // Either the server says where it listens, or it exits (then its output says why).
        if (await Task.WhenAny(serverOut.Seen.Task, server).WaitAsync(Patience) == server)
            Assert.Fail($"The server exited with {await server}: {serverOut}");
        return ServingOn().Match(serverOut.ToString()).Groups[1].Value;
    }

    private static async Task<string> AddClientAsync(string address, string name)
    {
        var run = await CliRun.RunAsync("clients", "add", name, "-s", address, "--admin-token", AdminToken);
        Assert.True(run.ExitCode == 0, run.All);
        return run.Output.Trim();
    }

    [GeneratedRegex(@"serving on (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex ServingOn();
}
