using System.CommandLine;
using FedUnlearn.Cli.Commands;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class ServerCommandOptionsTests
{
    [Fact]
    public void Bind_MaxFailedRounds_GivenOrTheDefault()
    {
        Assert.Equal(2, Bind("--max-failed-rounds", "2").MaxFailedRounds);
        Assert.Equal(0, Bind("--max-failed-rounds", "0").MaxFailedRounds);
        Assert.Equal(5, Bind().MaxFailedRounds);
    }

    private static Server.Hosting.FederationServerOptions Bind(params string[] extra)
    {
        var options = new ServerCommandOptions();
        var command = new Command("server");
        options.AddTo(command);
        var parsed = command.Parse([.. new[] { "-d", "data", "--admin-token", "0123456789abcdef0" }, .. extra]);
        Assert.Empty(parsed.Errors);
        return options.Bind(parsed);
    }
}
