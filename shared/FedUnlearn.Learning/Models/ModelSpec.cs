namespace FedUnlearn.Learning.Models;

/// <summary>
/// A small, serialisable description of a model: family, input, sizes and optional LoRA. The same
/// spec always builds the same architecture (and, with the same seed, the same initial weights).
/// Fields that do not apply to <see cref="Kind"/> are ignored.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The model family.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Mlp;

    /// <summary>Image channels (1 for Fashion-MNIST).</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>Side of the square input images (28 for Fashion-MNIST).</summary>
    public int ImageSize { get; init; } = 28;

    /// <summary>Output classes.</summary>
    public int NumClasses { get; init; } = 10;

    /// <summary>MLP: hidden layer widths (784-256-256-10 by default).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256, 256];

    /// <summary>CNN: output channels of its two 3×3 convolutions (each followed by ReLU and 2×2 max pooling).</summary>
    public IReadOnlyList<int> ConvChannels { get; init; } = [16, 32];

    /// <summary>CNN: width of the hidden linear layer (the penultimate features).</summary>
    public int CnnHidden { get; init; } = 128;

    /// <summary>ViT: side of the square patches (7: a 28×28 image gives 16 tokens).</summary>
    public int PatchSize { get; init; } = 7;

    /// <summary>ViT: token width.</summary>
    public int EmbedDim { get; init; } = 64;

    /// <summary>ViT: number of pre-LN transformer blocks.</summary>
    public int Depth { get; init; } = 2;

    /// <summary>ViT: attention heads per block.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>ViT: hidden width of each block's MLP.</summary>
    public int MlpDim { get; init; } = 128;

    /// <summary>ViT: class token or mean pooling.</summary>
    public VitPooling Pooling { get; init; } = VitPooling.ClassToken;

    /// <summary>LoRA adapters to inject (the base is then frozen), or null for a plain model.</summary>
    public LoRASpec? LoRA { get; init; }

    /// <summary>The default MLP, 784-256-256-10.</summary>
    public static ModelSpec Mlp(LoRASpec? lora = null) => new() { Kind = ModelKind.Mlp, LoRA = lora };

    /// <summary>The default small CNN.</summary>
    public static ModelSpec Cnn(LoRASpec? lora = null) => new() { Kind = ModelKind.Cnn, LoRA = lora };

    /// <summary>The default tiny ViT: 7×7 patches, 16 tokens, dim 64, 2 blocks, 4 heads.</summary>
    public static ModelSpec Vit(LoRASpec? lora = null) => new() { Kind = ModelKind.Vit, LoRA = lora };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Positive(InputChannels, nameof(InputChannels));
        Positive(ImageSize, nameof(ImageSize));
        Positive(NumClasses, nameof(NumClasses));
        switch (Kind)
        {
            case ModelKind.Mlp:
                Require(HiddenSizes is { Count: > 0 } && HiddenSizes.All(h => h > 0), nameof(HiddenSizes), "needs at least one width, all positive");
                break;
            case ModelKind.Cnn:
                Require(ConvChannels is { Count: 2 } && ConvChannels.All(c => c > 0), nameof(ConvChannels), "needs exactly two positive channel counts");
                Require(ImageSize % 4 == 0, nameof(ImageSize), "must be divisible by 4 (two 2×2 poolings)");
                Positive(CnnHidden, nameof(CnnHidden));
                break;
            case ModelKind.Vit:
                Positive(PatchSize, nameof(PatchSize));
                Require(ImageSize % PatchSize == 0, nameof(PatchSize), $"must divide the image size {ImageSize}");
                Positive(Depth, nameof(Depth));
                Positive(Heads, nameof(Heads));
                Positive(MlpDim, nameof(MlpDim));
                Require(EmbedDim > 0 && EmbedDim % Heads == 0, nameof(EmbedDim), $"must be positive and divisible by Heads ({Heads})");
                break;
            default:
                throw new ArgumentException($"Unknown model kind {Kind}.", nameof(Kind));
        }

        if (LoRA is { } l)
        {
            Require(l.Targets is { Count: > 0 } && l.Targets.All(t => !string.IsNullOrWhiteSpace(t)), "LoRA.Targets", "needs at least one non-empty layer name");
            Positive(l.Rank, "LoRA.Rank");
            Require(double.IsFinite(l.Alpha) && l.Alpha > 0, "LoRA.Alpha", "must be positive and finite");
        }
    }

    private static void Positive(int value, string name) => Require(value > 0, name, $"must be positive, got {value}");

    private static void Require(bool ok, string name, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"ModelSpec.{name} {message}.", name);
        }
    }
}
