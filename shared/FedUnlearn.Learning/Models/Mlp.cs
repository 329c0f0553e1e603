using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Learning.Models;

/// <summary>
/// Multi-layer perceptron on flattened images: <c>fc1 → ReLU → … → fcN → ReLU</c> (the features), then
/// <c>head</c>. Default 784-256-256-10. Layer names: <c>fc1</c>…<c>fcN</c>, <c>head</c>.
/// </summary>
public sealed class Mlp : ClassifierModel
{
    private readonly string[] _hidden;

    /// <summary>Builds the layers of <paramref name="spec"/> (Kind must be <see cref="ModelKind.Mlp"/>).</summary>
    public Mlp(ModelSpec spec)
        : base(spec)
    {
        spec.Validate();
        long width = spec.InputChannels * spec.ImageSize * spec.ImageSize;
        _hidden = new string[spec.HiddenSizes.Count];
        for (var i = 0; i < _hidden.Length; i++)
        {
            _hidden[i] = $"fc{i + 1}";
            register_module(_hidden[i], new Linear(width, spec.HiddenSizes[i]));
            width = spec.HiddenSizes[i];
        }

        FeatureDim = width;
        register_module("head", new Linear(width, spec.NumClasses));
    }

    /// <inheritdoc />
    public override long FeatureDim { get; }

    /// <inheritdoc />
    public override Tensor features(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var images = AsImages(input);
        var x = images.flatten(1);
        foreach (var name in _hidden)
        {
            using var previous = x;
            using var linear = Child<torch.nn.Module<Tensor, Tensor>>(name).forward(previous);
            x = F.relu(linear);
        }

        return x;
    }
}
