namespace FedUnlearn.Learning.Data;

/// <summary>The id scheme of the built-in datasets.</summary>
/// <remarks>
/// Train samples get ids <c>0..n-1</c> (their position in the split); test samples get
/// <c>TestIdOffset + position</c>, so train and test ids never collide and a test id is
/// recognisable at a glance (1000000..1009999 for Fashion-MNIST). CSV files may bring their own ids.
/// </remarks>
public static class DatasetIds
{
    /// <summary>Added to the position of a test-split sample to form its id.</summary>
    public const long TestIdOffset = 1_000_000;

    /// <summary>The id of the sample at <paramref name="position"/> within <paramref name="split"/>.</summary>
    public static long For(DatasetSplit split, int position) =>
        split == DatasetSplit.Test ? TestIdOffset + position : position;
}
