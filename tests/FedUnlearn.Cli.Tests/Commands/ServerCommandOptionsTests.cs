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

    [Fact]
    public void Bind_TrainingPaused_SetOnlyWhenGiven()
    {
        Assert.True(Bind("--training-paused").TrainingPaused);
        Assert.False(Bind().TrainingPaused);
    }

    [Fact]
    public void Bind_TrainingPausedWithRounds_RefusedNamingBoth()
    {
        var options = new ServerCommandOptions();
        var command = new Command("server");
        options.AddTo(command);
        var parsed = command.Parse(["-d", "data", "--admin-token", "0123456789abcdef0", "--training-paused", "--rounds", "3"]);

        var error = Assert.Throws<Cli.Common.CliException>(() => options.Bind(parsed));
        Assert.Contains("--rounds", error.Message);
        Assert.Contains("--training-paused", error.Message);
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
