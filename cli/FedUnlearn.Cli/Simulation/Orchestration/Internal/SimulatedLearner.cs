using System.Numerics.Tensors;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A simulated client's learner: the real <see cref="LocalLearner"/>, whose train and unlearn results are
/// handed over through <paramref name="handOver"/> (round, samples worked on) before the client SDK sends
/// them: in process that records the samples and waits for the client's turn in <see cref="SubmissionOrder"/>;
/// in a client process it asks the simulation for the turn over the control channel (<see cref="ControlChannel"/>).
/// For a backdoor attacker, <paramref name="boost"/> scales its training updates (<c>backdoor.boost</c>).
/// </summary>
internal sealed class SimulatedLearner(ILocalLearner inner, Func<long, int, CancellationToken, Task> handOver, Func<double>? boost = null) : ILocalLearner
{
    public int SampleCount => inner.SampleCount;

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.TrainAsync(globalAdapter, settings, progress, cancellationToken).ConfigureAwait(false);
        if (boost?.Invoke() is > 1 and var gamma) result = result with { Adapter = Boosted(globalAdapter, result.Adapter, gamma) };
        await handOver(settings.Round, result.SampleCount, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await inner.UnlearnAsync(globalAdapter, settings, progress, cancellationToken).ConfigureAwait(false);
        await handOver(settings.Training.Round, result.SampleCount, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>global + γ·(trained − global): the update scaled by γ.</summary>
    internal static ParameterSet Boosted(ParameterSet global, ParameterSet trained, double gamma) =>
        new(trained.Select(t =>
        {
            var g = global[t.Name].Data;
            var data = new float[t.Data.Length];
            TensorPrimitives.Subtract(t.Data, g, data);
            TensorPrimitives.MultiplyAdd(data, (float)gamma, g, data);
            return new ParameterTensor(t.Name, t.Shape, data);
        }));

    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken) =>
        inner.EvaluateAsync(adapter, settings, cancellationToken);
}
