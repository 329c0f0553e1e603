using FedUnlearn.Cli.Tests.Support;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Theory]
    [InlineData("server", "--data-dir", "--port", "--cert", "--admin-token", "--min-clients", "--rounds", "--round-deadline", "--max-failed-rounds", "--strategy", "--initial-adapter", "--model", "--lora-rank")]
    [InlineData("client", "--server", "--token", "--name", "--data-dir", "--device", "--data", "--partition", "--clients", "--client-index", "--ca-cert", "--insecure-skip-verify")]
    [InlineData("clients add", "<NAME>", "--display-name", "--server", "--admin-token", "--ca-cert")]
    [InlineData("status", "--server", "--admin-token", "--rounds")]
    public async Task Help_EachCommand_ListsItsOptions(string command, params string[] expected)
    {
        var run = await CliRun.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(expected, option => Assert.Contains(option, run.Output));
    }

    [Fact]
    public async Task Help_Root_ListsEveryCommand()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.All(new[] { "server", "client", "clients", "status" }, c => Assert.Contains(c, run.Output));
    }

    [Fact]
    public async Task Help_Choices_AreListed()
    {
        var server = await CliRun.RunAsync("server", "--help");
        var client = await CliRun.RunAsync("client", "--help");

        Assert.Contains("fedavg", server.Output);
        Assert.Contains("trimmed-mean", server.Output);
        Assert.Contains("fashion-mnist", client.Output);
        Assert.Contains("dirichlet", client.Output);
    }
}
