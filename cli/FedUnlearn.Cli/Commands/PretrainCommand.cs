using System.CommandLine;
using System.Globalization;
using FedUnlearn.Cli.Common;
using FedUnlearn.Client.Learning;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// <c>fedunlearn pretrain</c>: trains the frozen base model on a public split of a dataset, writes it as
/// safetensors (spec in the metadata), and prints its sha256 and test accuracy. Optionally writes the
/// initial adapter for <c>server --initial-adapter</c>.
/// </summary>
internal sealed class PretrainCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var o = new PretrainCommandOptions();
        var command = new Command("pretrain", "Train the federation's frozen base model on a public split and write it (the file 'server --base' and 'client --base' take).");
        o.AddTo(command);
        CommandAction.Set(command, console, (parse, cancellationToken) => RunAsync(o, parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(PretrainCommandOptions o, ParseResult p, CancellationToken cancellationToken)
    {
        var seed = p.GetValue(o.Seed);
        var fraction = p.GetValue(o.PublicFraction);
        var (train, test) = await ClientData.LoadSplitsAsync(p.GetValue(o.Data)!, p.GetValue(o.DataPath), (ulong)seed, cancellationToken).ConfigureAwait(false);
        var spec = o.Spec(p, train);
        var training = o.Training(p);
        training.Validate();
        var device = Device.Parse(p.GetValue(o.Device)!);
        var publicPart = PublicSplit.Public(train, fraction, (ulong)seed);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Public split: {publicPart.Count} of {train.Count} training samples ({p.GetValue(o.Data)}, fraction {fraction}, seed {seed}); {test.Count} test samples."));

        using var model = ModelFactory.Create(spec, seed);
        var accuracy = await PretrainProgress.RunAsync(console, training.Epochs, progress =>
        {
            model.to(device);
            new LocalTrainer(training).Train(model, publicPart, null, progress, cancellationToken);
            var report = ModelEvaluator.Predict(model, test, cancellationToken: cancellationToken).Report();
            model.to(Device.CPU);
            return report.Accuracy;
        }).ConfigureAwait(false);

        var output = p.GetValue(o.Out)!;
        output.Directory?.Create();
        await ModelFactory.SaveBaseAsync(model, output.FullName, cancellationToken).ConfigureAwait(false);
        var info = await BaseModelInfo.ReadAsync(output.FullName, cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test accuracy: {accuracy:F4} on {test.Count} samples."));
        console.Out.WriteLine($"Base model: {output.FullName} ({spec.Kind.ToString().ToLowerInvariant()}, {model.parameters().Sum(t => t.numel())} parameters)");
        console.Out.WriteLine($"sha256: {info.Sha256}");
        if (p.GetValue(o.AdapterOut) is { } adapterOut) await WriteAdapterAsync(o, p, info, adapterOut, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private async Task WriteAdapterAsync(PretrainCommandOptions o, ParseResult p, BaseModelInfo info, FileInfo file, CancellationToken cancellationToken)
    {
        var rank = p.GetValue(o.LoraRank);
        if (rank < 1) throw new CliException($"--lora-rank must be positive (got {rank}).");
        var lora = info.LoRA(rank, alpha: 1, o.Targets(p));
        var initSeed = unchecked((ulong)p.GetValue(o.LoraInitSeed));
        var adapter = info.InitialAdapter(lora, initSeed);
        file.Directory?.Create();
        await adapter.ToSafeTensors(new Dictionary<string, string>
        {
            ["fedunlearn.base_model_sha256"] = info.Sha256,
            ["fedunlearn.lora_init_seed"] = initSeed.ToString(CultureInfo.InvariantCulture),
        }).WriteFileAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine($"Initial adapter: {file.FullName} (LoRA rank {rank} on {string.Join(",", lora.Targets)}; B = 0, A seeded {initSeed}).");
    }
}
