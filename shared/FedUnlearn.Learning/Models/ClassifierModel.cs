using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Models;

/// <summary>
/// An image classifier split into a feature extractor and a linear head, so that unlearning methods
/// can work on penultimate features (residual feature alignment) as well as on logits:
/// <c>forward(x) == classify(features(x))</c>. Built by <see cref="ModelFactory"/> from a <see cref="ModelSpec"/>.
/// </summary>
public abstract class ClassifierModel : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Records the spec the model was built from.</summary>
    protected ClassifierModel(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
    }

    /// <summary>The architecture this model was built from (LoRA included when injected by the factory).</summary>
    public ModelSpec Spec { get; internal set; }

    /// <summary>Number of output classes.</summary>
    public int NumClasses => Spec.NumClasses;

    /// <summary>Width of the penultimate features.</summary>
    public abstract long FeatureDim { get; }

    /// <summary>Penultimate features [N, <see cref="FeatureDim"/>] of images [N, C, H, W] (or flat [N, C·H·W]).</summary>
    public abstract Tensor features(Tensor input);

    /// <summary>Logits [N, classes] from penultimate features (the head alone).</summary>
    public Tensor classify(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Child<torch.nn.Module<Tensor, Tensor>>("head").forward(features);
    }

    /// <summary>Logits [N, classes] of images [N, C, H, W] (or flat [N, C·H·W]).</summary>
    public override Tensor forward(Tensor input)
    {
        using var f = features(input);
        return classify(f);
    }

    /// <summary>Images as [N, C, H, W], accepting flat rows; a clear error for any other shape.</summary>
    protected Tensor AsImages(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.shape;
        var (c, side) = (Spec.InputChannels, Spec.ImageSize);
        if (s.Length == 4 && s[1] == c && s[2] == side && s[3] == side)
        {
            return input.alias();
        }

        if (s.Length == 2 && s[1] == (long)c * side * side)
        {
            return input.view(s[0], c, side, side);
        }

        throw new ArgumentException($"Expected images [N, {c}, {side}, {side}] or rows [N, {c * side * side}], got [{string.Join(", ", s)}].", nameof(input));
    }
}
