using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class ServerCommandTests
{
    [Fact]
    public async Task Server_RunsUntilCancelledThenStopsCleanly()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fedunlearn-cli-server-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var adapter = Path.Combine(dir, "initial.safetensors");
        await TestServer.Adapter().ToSafeTensors().WriteFileAsync(adapter);
        var output = new SignallingWriter("Press Ctrl+C to stop.");
        using var stop = new CancellationTokenSource();
        try
        {
            var run = CliApp.RunAsync(["server", "-d", Path.Combine(dir, "data"), "--port", "0", "--admin-token", "0123456789abcdef0",
                "--initial-adapter", adapter, "--federation-name", "from-cli"], output, new StringWriter(), stop.Token);
            await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await stop.CancelAsync();

            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("Federation 'from-cli' serving on http://127.0.0.1:", output.ToString());
            Assert.Contains("Stopping", output.ToString());
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(dir, "data")));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* leftover temp dir */ }
        }
    }
}
