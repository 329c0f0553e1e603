using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Client.Learning;

/// <summary>
/// A node's learner built by <see cref="LoRALearnerFactory"/>: FedUnlearn.Learning's <see cref="LocalLearner"/>
/// over a loaded base model with LoRA. It owns the model; dispose it when the client is done.
/// </summary>
public sealed class LoRALearner : ILocalLearner, IDisposable
{
    private readonly LocalLearner _inner;

    internal LoRALearner(ClassifierModel model, LocalLearner inner)
    {
        Model = model;
        _inner = inner;
    }

    /// <summary>The base model with its LoRA adapter (on the node's device).</summary>
    public ClassifierModel Model { get; }

    /// <inheritdoc />
    public int SampleCount => _inner.SampleCount;

    /// <inheritdoc />
    public Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken) => _inner.TrainAsync(globalAdapter, settings, progress, cancellationToken);

    /// <inheritdoc />
    public Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken) => _inner.UnlearnAsync(globalAdapter, settings, progress, cancellationToken);

    /// <inheritdoc />
    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken) =>
        _inner.EvaluateAsync(adapter, settings, cancellationToken);

    /// <summary>Frees the model's native memory.</summary>
    public void Dispose() => Model.Dispose();
}
