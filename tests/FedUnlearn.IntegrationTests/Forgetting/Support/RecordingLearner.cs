using FedUnlearn.Client;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// The real learner, with every call opening a task log on the node's <see cref="RecordingDataset"/>.
/// The methods are async so that the log set for a call stays within that call's flow. A
/// <see cref="TaskHold"/> of the node may hold a task before it computes.
/// </summary>
internal sealed class RecordingLearner(ILocalLearner inner, RecordingDataset data, Func<TaskHold?> hold) : ILocalLearner, IDisposable
{
    public int SampleCount => inner.SampleCount;

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        await HoldAsync(data.Begin(ClientTaskKind.Train), cancellationToken);
        return await inner.TrainAsync(globalAdapter, settings, progress, cancellationToken);
    }

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        await HoldAsync(data.Begin(ClientTaskKind.Unlearn), cancellationToken);
        return await inner.UnlearnAsync(globalAdapter, settings, progress, cancellationToken);
    }

    public async Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken)
    {
        await HoldAsync(data.Begin(ClientTaskKind.Evaluate), cancellationToken);
        return await inner.EvaluateAsync(adapter, settings, cancellationToken);
    }

    // Begin runs in the public method itself: a log set inside a nested async method would not outlive it.
    private Task HoldAsync(TaskLog log, CancellationToken cancellationToken) =>
        hold() is { } h ? h.WaitIfMatchingAsync(log, cancellationToken) : Task.CompletedTask;

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
