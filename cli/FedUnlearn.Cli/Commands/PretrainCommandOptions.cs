using System.CommandLine;
using System.Globalization;
using FedUnlearn.Cli.Common;
using FedUnlearn.Client.Learning;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using K = FedUnlearn.Client.Learning.ModelSpecOptionKeys;
using Wire = FedUnlearn.Contracts.V1;

namespace FedUnlearn.Cli.Commands;

/// <summary>The options of <see cref="PretrainCommand"/>: data, architecture and sizes, training, outputs.</summary>
internal sealed class PretrainCommandOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "Dataset to take the public split from.", DefaultValueFactory = _ => ClientData.Synthetic };
    public Option<DirectoryInfo?> DataPath { get; } = new("--data-path") { Description = "Directory of the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)." };
    public Option<double> PublicFraction { get; } = new("--public-fraction") { Description = "Stratified fraction of the training split used here; clients pass the same value and --seed to train on the rest.", DefaultValueFactory = _ => 0.1 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the synthetic data, the public split and the initial weights (use the clients' --seed).", DefaultValueFactory = _ => 42 };
    public Option<string> Model { get; } = new("--model") { Description = "Architecture of the base model.", DefaultValueFactory = _ => ModelSpecMapper.Mlp };
    public Option<string?> HiddenSizes { get; } = new("--hidden-sizes") { Description = "MLP hidden widths, e.g. 256,256." };
    public Option<string?> ConvChannels { get; } = new("--conv-channels") { Description = "CNN channels of its two convolutions, e.g. 16,32." };
    public Option<int?> CnnHidden { get; } = new("--cnn-hidden") { Description = "CNN hidden linear width." };
    public Option<int?> PatchSize { get; } = new("--patch-size") { Description = "ViT patch side (must divide the image side)." };
    public Option<int?> EmbedDim { get; } = new("--embed-dim") { Description = "ViT token width." };
    public Option<int?> Depth { get; } = new("--depth") { Description = "ViT transformer blocks." };
    public Option<int?> Heads { get; } = new("--heads") { Description = "ViT attention heads." };
    public Option<int?> MlpDim { get; } = new("--mlp-dim") { Description = "ViT block MLP width." };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the public split.", DefaultValueFactory = _ => 3 };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 64 };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => 1e-3 };
    public Option<string> Device { get; } = new("--device") { Description = "Compute device: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
    public Option<FileInfo> Out { get; } = new("--out", "-o") { Description = "Where to write the base model (safetensors, with its spec in the metadata).", Required = true };
    public Option<FileInfo?> AdapterOut { get; } = new("--adapter-out") { Description = "Also write the initial adapter (B = 0, A seeded) for 'server --initial-adapter'." };
    public Option<int> LoraRank { get; } = new("--lora-rank") { Description = "LoRA rank r of --adapter-out.", DefaultValueFactory = _ => 4 };
    public Option<string?> LoraTargets { get; } = new("--lora-targets") { Description = "Comma-separated layers of --adapter-out (default: the architecture's)." };
    public Option<long> LoraInitSeed { get; } = new("--lora-init-seed") { Description = "Seed of A in --adapter-out (the server's --lora-init-seed).", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        Data.AcceptOnlyFromAmong(ClientData.Synthetic, ClientData.FashionMnistName);
        Model.AcceptOnlyFromAmong(ModelSpecMapper.Mlp, ModelSpecMapper.Cnn, ModelSpecMapper.Vit, ModelSpecMapper.VitTiny);
        foreach (var option in new Option[] { Data, DataPath, PublicFraction, Seed, Model, HiddenSizes, ConvChannels, CnnHidden, PatchSize, EmbedDim,
            Depth, Heads, MlpDim, Epochs, BatchSize, LearningRate, Device, Out, AdapterOut, LoraRank, LoraTargets, LoraInitSeed })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The base architecture for <paramref name="data"/>'s images and classes, with the sizes given (validated; errors name the option).</summary>
    public ModelSpec Spec(ParseResult p, IDataset data)
    {
        var wire = new Wire.ModelSpec { Architecture = p.GetValue(Model)!, NumClasses = (uint)data.ClassCount };
        wire.InputShape.AddRange(data.FeatureShape.Select(d => (long)d));
        var kind = ModelSpecMapper.ParseArchitecture(wire.Architecture);
        (Option Option, ModelKind Kind, string Key, string? Value)[] sizes =
        [
            (HiddenSizes, ModelKind.Mlp, K.HiddenSizes, p.GetValue(HiddenSizes)),
            (ConvChannels, ModelKind.Cnn, K.ConvChannels, p.GetValue(ConvChannels)),
            (CnnHidden, ModelKind.Cnn, K.CnnHidden, Text(p, CnnHidden)),
            (PatchSize, ModelKind.Vit, K.PatchSize, Text(p, PatchSize)),
            (EmbedDim, ModelKind.Vit, K.EmbedDim, Text(p, EmbedDim)),
            (Depth, ModelKind.Vit, K.Depth, Text(p, Depth)),
            (Heads, ModelKind.Vit, K.Heads, Text(p, Heads)),
            (MlpDim, ModelKind.Vit, K.MlpDim, Text(p, MlpDim)),
        ];
        foreach (var (option, applies, key, value) in sizes.Where(s => s.Value is not null))
        {
            if (applies != kind) throw new CliException($"{option.Name} applies to --model {applies.ToString().ToLowerInvariant()}, not {wire.Architecture}.");
            wire.Options[key] = value;
        }

        try
        {
            return ModelSpecMapper.ToLearning(wire);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"invalid model: {e.Message.Replace("The announced model spec is invalid: ", "", StringComparison.Ordinal)}", e);
        }
    }

    private static string? Text(ParseResult p, Option<int?> option) => p.GetValue(option)?.ToString(CultureInfo.InvariantCulture);

    public TrainingOptions Training(ParseResult p) => new()
    {
        Epochs = p.GetValue(Epochs), BatchSize = p.GetValue(BatchSize), LearningRate = p.GetValue(LearningRate), Seed = p.GetValue(Seed),
    };

    public IReadOnlyList<string>? Targets(ParseResult p) =>
        p.GetValue(LoraTargets)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
