using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class BaseOptionTests
{
    private const string AdminToken = "0123456789abcdef0";

    [Fact]
    public async Task Client_NoBaseAnywhere_SaysWhereToPutIt()
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync("client", "-s", "http://127.0.0.1:1", "--token", "t", "-n", "a", "-d", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: --base is required: no base.safetensors in {dir.Path}", run.Error);
    }

    [Fact]
    public async Task Server_MissingBaseFile_ClearError()
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync("server", "-d", dir.File("data"), "--admin-token", AdminToken, "--base", dir.File("nope.safetensors"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist (write one with 'fedunlearn pretrain')", run.Error);
    }

    [Fact]
    public async Task Server_BaseAndArchitectureOptions_RefusesTheConflict()
    {
        using var dir = new TempDirectory();
        await PretrainAsync(dir);

        var run = await CliRun.RunAsync("server", "-d", dir.File("data"), "--admin-token", AdminToken, "--base", dir.File("base.safetensors"), "--model", "cnn");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--model comes from --base", run.Error);
    }

    [Fact]
    public async Task Server_InitialAdapterOfAnotherShape_ExplainsTheMismatch()
    {
        using var dir = new TempDirectory();
        await PretrainAsync(dir);
        await TestServer.Adapter().ToSafeTensors().WriteFileAsync(dir.File("other.safetensors"));

        var run = await CliRun.RunAsync("server", "-d", dir.File("data"), "--admin-token", AdminToken, "--base", dir.File("base.safetensors"),
            "--initial-adapter", dir.File("other.safetensors"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not fit the base model", run.Error);
        Assert.Contains("missing 'fc1.lora_A'", run.Error);
    }

    [Fact]
    public async Task Server_LoRATargetNotInBase_ListsTheLayers()
    {
        using var dir = new TempDirectory();
        await PretrainAsync(dir);

        var run = await CliRun.RunAsync("server", "-d", dir.File("data"), "--admin-token", AdminToken, "--base", dir.File("base.safetensors"), "--lora-targets", "q_proj");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("q_proj match no linear layer of the base model; its linear layers are: fc1, head.", run.Error);
    }

    private static async Task PretrainAsync(TempDirectory dir)
    {
        var run = await CliRun.RunAsync("pretrain", "--hidden-sizes", "8", "--epochs", "1", "--public-fraction", "0.02", "--out", dir.File("base.safetensors"));
        Assert.True(run.ExitCode == 0, run.All);
    }
}
