using System.Collections.Concurrent;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A simulated client's learner: the real <see cref="LocalLearner"/>, plus the simulation's bookkeeping
/// (samples trained per round) and its ordered hand-over (<see cref="SubmissionOrder"/>).
/// </summary>
internal sealed class SimulatedLearner(ILocalLearner inner, int client, SubmissionOrder order,
    ConcurrentDictionary<(long Round, int Client), int> samples) : ILocalLearner
{
    public int SampleCount => inner.SampleCount;

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.TrainAsync(globalAdapter, settings, progress, cancellationToken).ConfigureAwait(false);
        var round = settings.Round != 0 ? settings.Round : order.RoundOf(client);
        samples[(round, client)] = result.SampleCount;
        await order.WaitTurnAsync(client, round, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.UnlearnAsync(globalAdapter, settings, progress, cancellationToken).ConfigureAwait(false);
        samples[(settings.Training.Round, client)] = result.SampleCount;
        await order.WaitTurnAsync(client, settings.Training.Round, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(adapter, settings, cancellationToken);
}
