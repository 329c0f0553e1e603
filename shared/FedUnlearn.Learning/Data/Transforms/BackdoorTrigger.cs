using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Transforms;

/// <summary>
/// A BadNets-style trigger for backdoor experiments: a small square patch of constant value in a
/// corner of every channel of an image (<c>[C, H, W]</c> or <c>[H, W]</c>). Poisoning stamps chosen
/// samples and relabels them to a target class; forgetting them should remove the backdoor, which
/// the attack success rate on <see cref="StampAll"/>-ed test images measures. Stamp raw pixels
/// (in [0, 1]) before normalising.
/// </summary>
public sealed class BackdoorTrigger
{
    /// <summary>Creates a trigger.</summary>
    /// <param name="size">Side of the square patch in pixels.</param>
    /// <param name="corner">Which corner.</param>
    /// <param name="value">Pixel value of the patch (1 = white for [0, 1] images).</param>
    /// <param name="margin">Pixels between the patch and the image border.</param>
    public BackdoorTrigger(int size = 3, TriggerCorner corner = TriggerCorner.BottomRight, float value = 1f, int margin = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        if (!float.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "The patch value must be finite.");
        Size = size;
        Corner = corner;
        Value = value;
        Margin = margin;
    }

    /// <summary>Side of the patch.</summary>
    public int Size { get; }

    /// <summary>Corner of the patch.</summary>
    public TriggerCorner Corner { get; }

    /// <summary>Value written into the patch.</summary>
    public float Value { get; }

    /// <summary>Distance from the border.</summary>
    public int Margin { get; }

    /// <summary>Stamps one image in place.</summary>
    /// <exception cref="ArgumentException">The shape is not an image or is too small for the patch.</exception>
    public void Stamp(Span<float> features, IReadOnlyList<int> featureShape)
    {
        var (channels, height, width) = ImageShape(featureShape);
        if (features.Length != channels * height * width)
            throw new ArgumentException($"{features.Length} floats do not match image shape [{string.Join(", ", featureShape)}].", nameof(features));
        var top = Corner is TriggerCorner.TopLeft or TriggerCorner.TopRight ? Margin : height - Margin - Size;
        var left = Corner is TriggerCorner.TopLeft or TriggerCorner.BottomLeft ? Margin : width - Margin - Size;
        for (var c = 0; c < channels; c++)
        {
            for (var y = top; y < top + Size; y++) features.Slice((c * height + y) * width + left, Size).Fill(Value);
        }
    }

    /// <summary>
    /// A view of <paramref name="source"/> in which the samples named by <paramref name="sampleIds"/>
    /// carry the trigger and the label <paramref name="targetLabel"/>; every id is kept.
    /// </summary>
    /// <exception cref="SampleSelectionException">An id is unknown or repeated.</exception>
    public IDataset Poison(IDataset source, IEnumerable<long> sampleIds, long targetLabel)
    {
        ArgumentNullException.ThrowIfNull(source);
        ImageShape(source.FeatureShape);
        if ((ulong)targetLabel >= (ulong)source.ClassCount)
            throw new ArgumentOutOfRangeException(nameof(targetLabel), targetLabel, $"Dataset '{source.Name}' has classes 0..{source.ClassCount - 1}.");
        var stamped = new bool[source.Count];
        foreach (var index in SampleIdIndex.Build(source).Resolve(sampleIds)) stamped[index] = true;
        return new TriggeredDataset(source, this, stamped, targetLabel, $"{source.Name}/poisoned");
    }

    /// <summary>A view with every sample stamped and labels unchanged, for measuring attack success.</summary>
    public IDataset StampAll(IDataset source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ImageShape(source.FeatureShape);
        var stamped = new bool[source.Count];
        Array.Fill(stamped, true);
        return new TriggeredDataset(source, this, stamped, targetLabel: null, $"{source.Name}/triggered");
    }

    private (int Channels, int Height, int Width) ImageShape(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (c, h, w) = shape.Count switch
        {
            2 => (1, shape[0], shape[1]),
            3 => (shape[0], shape[1], shape[2]),
            _ => throw new ArgumentException($"A trigger needs an image shape [C, H, W] or [H, W], not [{string.Join(", ", shape)}].", nameof(shape)),
        };
        if (h < Size + Margin || w < Size + Margin)
            throw new ArgumentException($"A {Size}×{Size} patch with margin {Margin} does not fit a {h}×{w} image.", nameof(shape));
        return (c, h, w);
    }
}
