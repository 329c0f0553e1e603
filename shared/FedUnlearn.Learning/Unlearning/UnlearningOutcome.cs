using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>The result of a successful unlearning run.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Adapter">The corrected adapter (full values), also left loaded in the model.</param>
/// <param name="SampleCount">Samples the method used, the aggregation weight.</param>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="Metrics">The method's own figures.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record UnlearningOutcome(
    string Method,
    ParameterSet Adapter,
    int SampleCount,
    int Steps,
    IReadOnlyDictionary<string, double> Metrics,
    TimeSpan Elapsed);
