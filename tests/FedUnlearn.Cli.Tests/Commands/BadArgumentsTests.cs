using FedUnlearn.Cli.Tests.Support;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class BadArgumentsTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("status")]
    [InlineData("clients", "add")]
    [InlineData("server", "--data-dir")]
    [InlineData("server", "-d", "/tmp/x", "--strategy", "mean")]
    [InlineData("client", "-s", "http://127.0.0.1:1", "-n", "a", "-d", "/tmp/x", "--data", "cifar")]
    [InlineData("status", "-s", "http://127.0.0.1:1", "--rounds", "-3")]
    public async Task Parse_InvalidCommandLine_FailsWithAMessage(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(run.Error), "a parse error must say what is wrong");
    }

    [Theory]
    [InlineData("Unknown device 'gpu'", "client", "-s", "http://127.0.0.1:1", "--token", "t", "-n", "a", "-d", "{dir}", "--device", "gpu")]
    [InlineData("not a server address", "status", "-s", "fl.example.org", "--admin-token", "x")]
    [InlineData("--admin-token is required", "status", "-s", "http://127.0.0.1:1")]
    [InlineData("cannot reach the server", "status", "-s", "http://127.0.0.1:1", "--admin-token", "x")]
    [InlineData("cannot reach the server", "clients", "add", "bob", "-s", "http://127.0.0.1:1", "--admin-token", "x")]
    [InlineData("admin token of at least 16 characters", "server", "-d", "{dir}", "--admin-token", "short")]
    [InlineData("Refusing to serve plaintext", "server", "-d", "{dir}", "--admin-token", "0123456789abcdef0", "--address", "0.0.0.0")]
    [InlineData("--input-shape", "server", "-d", "{dir}", "--admin-token", "0123456789abcdef0", "--input-shape", "1,x")]
    [InlineData("Refusing plaintext http://", "client", "-s", "http://fl.example.org:7443", "--token", "t", "-n", "a", "-d", "{dir}")]
    public async Task Run_UserError_PrintsOneLineAndExitsOne(string message, params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "fedunlearn-cli-bad-" + Guid.NewGuid().ToString("N"));
        var run = await CliRun.RunAsync([.. args.Select(a => a.Replace("{dir}", dir))]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("(Parameter '", run.Error);
    }
}
