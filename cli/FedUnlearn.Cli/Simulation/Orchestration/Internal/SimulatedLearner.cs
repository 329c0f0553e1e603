using System.Collections.Concurrent;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A simulated client's learner: the real <see cref="LocalLearner"/>, plus the simulation's bookkeeping
/// (samples trained per round), its ordered hand-over (<see cref="SubmissionOrder"/>) and, for a backdoor
/// attacker, the boost of its training updates (<c>backdoor.boost</c>).
/// </summary>
internal sealed class SimulatedLearner(ILocalLearner inner, int client, SubmissionOrder order,
    ConcurrentDictionary<(long Round, int Client), int> samples, Func<double>? boost = null) : ILocalLearner
{
    public int SampleCount => inner.SampleCount;

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.TrainAsync(globalAdapter, settings, progress, cancellationToken).ConfigureAwait(false);
        if (boost?.Invoke() is > 1 and var gamma) result = result with { Adapter = Boosted(globalAdapter, result.Adapter, gamma) };
        samples[(settings.Round, client)] = result.SampleCount;
        await order.WaitTurnAsync(client, settings.Round, cancellationToken).ConfigureAwait(false);
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

    /// <summary>global + γ·(trained − global): the update scaled by γ.</summary>
    internal static ParameterSet Boosted(ParameterSet global, ParameterSet trained, double gamma) =>
        new(trained.Select(t =>
        {
            var g = global[t.Name].Data;
            var data = new float[t.Data.Length];
            for (var i = 0; i < data.Length; i++) data[i] = (float)(g[i] + gamma * (t.Data[i] - g[i]));
            return new ParameterTensor(t.Name, t.Shape, data);
        }));

    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(adapter, settings, cancellationToken);
}
