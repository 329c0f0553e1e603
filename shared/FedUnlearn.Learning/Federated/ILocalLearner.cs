using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Federated;

/// <summary>
/// What a federated client node does with its private data: train the shared adapter, unlearn, and
/// evaluate. The client SDK drives it from server tasks; the learning core implements it with a
/// LoRA model on the client's own dataset. Adapters go in and out as <see cref="ParameterSet"/>s, so
/// the SDK never touches tensors. Forgotten samples (tombstones) are excluded by the implementation.
/// </summary>
public interface ILocalLearner
{
    /// <summary>Number of training samples this node holds now, tombstoned ones excluded.</summary>
    int SampleCount { get; }

    /// <summary>Trains the adapter on local data, starting from <paramref name="globalAdapter"/>.</summary>
    /// <returns>The trained adapter (full values, not a delta) and the samples it saw.</returns>
    Task<LocalTrainResult> TrainAsync(
        ParameterSet globalAdapter,
        LocalTrainSettings settings,
        IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>Runs one unlearning step of a campaign on local data and returns the corrected adapter.</summary>
    Task<LocalTrainResult> UnlearnAsync(
        ParameterSet globalAdapter,
        LocalUnlearnSettings settings,
        IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>Evaluates the adapter on local forget / retain / test data (only aggregates leave the node).</summary>
    Task<EvaluationMetrics> EvaluateAsync(
        ParameterSet adapter,
        LocalEvaluateSettings settings,
        CancellationToken cancellationToken);
}
