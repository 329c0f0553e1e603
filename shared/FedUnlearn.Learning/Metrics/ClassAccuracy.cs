namespace FedUnlearn.Learning.Metrics;

/// <summary>How one class fared: its sample count and how many of them were predicted correctly.</summary>
/// <param name="Label">The class index.</param>
/// <param name="SampleCount">Samples whose true label is <paramref name="Label"/>.</param>
/// <param name="CorrectCount">Of those, the ones predicted as <paramref name="Label"/>.</param>
public sealed record ClassAccuracy(int Label, int SampleCount, int CorrectCount)
{
    /// <summary>The class's accuracy (recall), or null when the evaluated set holds no sample of the class.</summary>
    public double? Accuracy => SampleCount == 0 ? null : (double)CorrectCount / SampleCount;
}
