using System.Globalization;
using System.Text.RegularExpressions;
using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Client.Learning;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed partial class PretrainCommandTests
{
    [Fact]
    public async Task Pretrain_Synthetic_WritesTheBaseItsHashAndTheInitialAdapter()
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync("pretrain", "--model", "mlp", "--hidden-sizes", "16", "--epochs", "2", "--lr", "0.003",
            "--out", dir.File("base.safetensors"), "--adapter-out", dir.File("adapter.safetensors"), "--lora-rank", "2", "--lora-init-seed", "5");

        Assert.True(run.ExitCode == 0, run.All);
        var info = await BaseModelInfo.ReadAsync(dir.File("base.safetensors"));
        Assert.Contains($"sha256: {info.Sha256}", run.Output);
        Assert.Equal(ModelFactory.SpecToJson(new ModelSpec { Kind = ModelKind.Mlp, HiddenSizes = [16] }), ModelFactory.SpecToJson(info.Spec));
        Assert.Contains("Public split: 600 of 6000 training samples", run.Output);
        Assert.Contains("epoch 2/2: mean loss", run.Output);
        // Ten balanced classes: a base that learned anything is well above chance (0.1).
        var accuracy = double.Parse(AccuracyLine().Match(run.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.3, 1.0);
        var adapter = (await SafeTensorsFile.ReadFileAsync(dir.File("adapter.safetensors"))).ToParameterSet();
        Assert.Equal(info.InitialAdapter(info.LoRA(2, 1), 5).ContentHash(), adapter.ContentHash());
        Assert.Equal(["fc1.lora_A", "fc1.lora_B", "head.lora_A", "head.lora_B"], adapter.Select(t => t.Name));
    }

    [Theory]
    [InlineData("--patch-size applies to --model vit, not mlp", "--model", "mlp", "--patch-size", "4")]
    [InlineData("invalid model: ModelSpec.PatchSize must divide the image size 28.", "--model", "vit", "--patch-size", "5")]
    [InlineData("invalid model: option 'hidden_sizes' = '8,x' must be positive integers", "--hidden-sizes", "8,x")]
    [InlineData("--public-fraction must be between 0 and 1", "--public-fraction", "1.5")]
    public async Task Pretrain_BadOption_OneLineError(string message, params string[] args)
    {
        using var dir = new TempDirectory();

        var run = await CliRun.RunAsync(["pretrain", "--out", dir.File("base.safetensors"), .. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {message}", run.Error.Trim()[..(message.Length + 7)]);
        Assert.False(File.Exists(dir.File("base.safetensors")));
    }

    [GeneratedRegex(@"Test accuracy: ([0-9.]+) on 1000 samples")]
    private static partial Regex AccuracyLine();
}
