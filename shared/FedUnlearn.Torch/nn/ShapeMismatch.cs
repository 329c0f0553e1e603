namespace FedUnlearn.Torch;

/// <summary>A state-dict entry whose shape differs from the module's.</summary>
/// <param name="Key">The dotted name.</param>
/// <param name="Expected">The module's shape.</param>
/// <param name="Actual">The shape found in the dict or file.</param>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Actual)
{
    /// <summary>E.g. <c>fc1.weight: expected [4, 3], got [3, 4]</c>.</summary>
    public override string ToString() => $"{Key}: expected [{string.Join(", ", Expected)}], got [{string.Join(", ", Actual)}]";
}
