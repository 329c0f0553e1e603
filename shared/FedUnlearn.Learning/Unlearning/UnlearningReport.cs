namespace FedUnlearn.Learning.Unlearning;

/// <summary>What a method reports about its run.</summary>
/// <param name="SampleCount">Samples the method used, the aggregation weight of the corrected adapter.</param>
/// <param name="Steps">Optimisation steps taken (0 for methods that compute the adapter directly).</param>
/// <param name="Metrics">Method-specific figures, e.g. <c>tau</c>, <c>forget_loss</c>, <c>retain_accuracy</c>.</param>
public sealed record UnlearningReport(int SampleCount, int Steps, IReadOnlyDictionary<string, double> Metrics);
