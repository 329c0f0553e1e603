namespace FedUnlearn.Server.Aggregation;

/// <summary>The combined evaluation of a round.</summary>
/// <param name="Count">Reports that counted.</param>
/// <param name="TotalSamples">Sum of their sample counts.</param>
/// <param name="Loss">Sample-weighted mean loss; NaN when no report counted.</param>
/// <param name="Metrics">Sample-weighted mean of each metric, over the reports that carried it.</param>
/// <param name="Ignored">Reports left out (non-positive sample count or non-finite loss).</param>
public sealed record EvaluationSummary(
    int Count, long TotalSamples, double Loss, IReadOnlyDictionary<string, double> Metrics, int Ignored);
