using FedUnlearn.Client;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// The real learner, with every call opening a task log on the node's <see cref="RecordingDataset"/>.
/// The methods are async so that the log set for a call stays within that call's flow.
/// </summary>
internal sealed class RecordingLearner(ILocalLearner inner, RecordingDataset data) : ILocalLearner, IDisposable
{
    public int SampleCount => inner.SampleCount;

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        data.Begin(ClientTaskKind.Train);
        return await inner.TrainAsync(globalAdapter, settings, progress, cancellationToken);
    }

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        data.Begin(ClientTaskKind.Unlearn);
        return await inner.UnlearnAsync(globalAdapter, settings, progress, cancellationToken);
    }

    public async Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken)
    {
        data.Begin(ClientTaskKind.Evaluate);
        return await inner.EvaluateAsync(adapter, settings, cancellationToken);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
