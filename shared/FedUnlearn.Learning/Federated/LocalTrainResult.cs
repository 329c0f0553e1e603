using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Learning.Federated;

/// <summary>The outcome of a local training or unlearning task.</summary>
/// <param name="Adapter">The adapter after the task (full values).</param>
/// <param name="SampleCount">Samples used, the aggregation weight.</param>
/// <param name="Metrics">Local figures such as <c>loss</c> and <c>accuracy</c>.</param>
/// <param name="Elapsed">Wall time of the task.</param>
public sealed record LocalTrainResult(
    ParameterSet Adapter,
    int SampleCount,
    IReadOnlyDictionary<string, double> Metrics,
    TimeSpan Elapsed);
