using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Models;

/// <summary>
/// A small CNN: <c>conv1</c> (3×3, pad 1) → ReLU → 2×2 max pool → <c>conv2</c> → ReLU → 2×2 max pool →
/// flatten → <c>fc1</c> → ReLU (the features) → <c>head</c>. On 28×28 inputs with the default 16/32
/// channels and 128 hidden units: 1568 flattened features, about 0.2 M parameters.
/// </summary>
public sealed class SmallCnn : ClassifierModel
{
    /// <summary>Builds the layers of <paramref name="spec"/> (Kind must be <see cref="ModelKind.Cnn"/>).</summary>
    public SmallCnn(ModelSpec spec)
        : base(spec)
    {
        spec.Validate();
        var (c1, c2) = (spec.ConvChannels[0], spec.ConvChannels[1]);
        var side = spec.ImageSize / 4;
        register_module("conv1", new Conv2d(spec.InputChannels, c1, 3, padding: 1));
        register_module("conv2", new Conv2d(c1, c2, 3, padding: 1));
        register_module("fc1", new Linear((long)c2 * side * side, spec.CnnHidden));
        register_module("head", new Linear(spec.CnnHidden, spec.NumClasses));
        FeatureDim = spec.CnnHidden;
    }

    /// <inheritdoc />
    public override long FeatureDim { get; }

    /// <inheritdoc />
    public override Tensor features(Tensor input)
    {
        using var images = AsImages(input);
        using var p1 = ConvBlock("conv1", images);
        using var p2 = ConvBlock("conv2", p1);
        using var flat = p2.flatten(1);
        using var hidden = Child<torch.nn.Module<Tensor, Tensor>>("fc1").forward(flat);
        return F.relu(hidden);
    }

    private Tensor ConvBlock(string name, Tensor input)
    {
        using var conv = Child<Conv2d>(name).forward(input);
        using var act = F.relu(conv);
        return F.max_pool2d(act, 2);
    }
}
