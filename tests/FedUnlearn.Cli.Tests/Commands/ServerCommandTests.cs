using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class ServerCommandTests
{
    [Fact]
    public async Task Server_RunsUntilCancelledThenStopsCleanly()
    {
        using var dir = new TempDirectory("fedunlearn-cli-server-");
        var adapter = dir.File("initial.safetensors");
        await TestServer.Adapter().ToSafeTensors().WriteFileAsync(adapter);
        var output = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();

        var run = CliApp.RunAsync(["server", "-d", dir.File("data"), "--port", "0", "--admin-token", "0123456789abcdef0",
            "--initial-adapter", adapter, "--federation-name", "from-cli"], output, new StringWriter(), stop.Token);
        await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("Federation 'from-cli' serving on http://127.0.0.1:", output.ToString());
        Assert.Contains("Stopping", output.ToString());
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(dir.File("data")));
    }

    [Fact]
    public async Task Server_ShardsFlag_RecordedInTheStore_AnotherCountRefusedAtTheNextStart()
    {
        using var dir = new TempDirectory("fedunlearn-cli-server-");
        var adapter = dir.File("initial.safetensors");
        await TestServer.Adapter().ToSafeTensors().WriteFileAsync(adapter);
        string[] common = ["server", "-d", dir.File("data"), "--port", "0", "--admin-token", "0123456789abcdef0", "--initial-adapter", adapter];
        var output = new SignallingWriter("Press Ctrl+C to stop.");
        using (var stop = new CancellationTokenSource())
        {
            var run = CliApp.RunAsync([.. common, "--shards", "2"], output, new StringWriter(), stop.Token);
            await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await stop.CancelAsync();
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        var error = new StringWriter();
        int code = await CliApp.RunAsync([.. common, "--shards", "3"], new StringWriter(), error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, code);
        Assert.Contains("2 shard(s), not 3", error.ToString());
    }
}
