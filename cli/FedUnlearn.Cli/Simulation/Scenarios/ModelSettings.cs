using System.Text.Json.Serialization;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>The model: a frozen base plus LoRA adapters. Sizes not named here keep <see cref="ModelSpec"/>'s defaults.</summary>
public sealed record ModelSettings
{
    /// <summary>The family: mlp, cnn or vit. Default mlp.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Mlp;

    /// <summary>MLP hidden layer widths. Default [256, 256].</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256, 256];

    /// <summary>The adapters (JSON name <c>lora</c>).</summary>
    [JsonPropertyName("lora")]
    public LoRASettings LoRA { get; init; } = new();

    /// <summary>The model spec this describes, for images of the given shape.</summary>
    /// <param name="numClasses">Output classes (from the dataset).</param>
    /// <param name="inputChannels">Image channels.</param>
    /// <param name="imageSize">Side of the square images.</param>
    public ModelSpec ToModelSpec(int numClasses, int inputChannels = 1, int imageSize = 28)
    {
        var targets = LoRA.Targets ?? LoRASpec.DefaultTargets(Kind, HiddenSizes.Count);
        return new ModelSpec
        {
            Kind = Kind,
            NumClasses = numClasses,
            InputChannels = inputChannels,
            ImageSize = imageSize,
            HiddenSizes = HiddenSizes,
            LoRA = new LoRASpec(targets, LoRA.Rank, LoRA.Alpha),
        };
    }
}
