using System.Collections.Concurrent;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Client.Tests.Support;

/// <summary>A learner whose result is known: the global adapter plus <see cref="Delta"/> everywhere.</summary>
internal sealed class FakeLearner : ILocalLearner
{
    public int SampleCount { get; set; } = 40;

    public float Delta { get; set; } = 0.5f;

    /// <summary>Thrown by the next train or unlearn call, then cleared.</summary>
    public Exception? ThrowNext { get; set; }

    /// <summary>When set, training waits for it (cancellation still works).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, replaces the trained adapter's values (e.g. a NaN).</summary>
    public float? Poison { get; set; }

    /// <summary>When true, training leaves the settings' frozen parameters unchanged (as the real learner does).</summary>
    public bool HonoursFrozenParameters { get; set; }

    /// <summary>Completed when the first train call begins.</summary>
    public TaskCompletionSource TrainingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(ParameterSet Input, LocalTrainSettings Settings)> Trained { get; } = new();

    public ConcurrentQueue<LocalUnlearnSettings> Unlearned { get; } = new();

    public ConcurrentQueue<LocalEvaluateSettings> Evaluated { get; } = new();

    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        Trained.Enqueue((globalAdapter.Clone(), settings));
        TrainingStarted.TrySetResult();
        return await RunAsync(globalAdapter, progress, cancellationToken, HonoursFrozenParameters ? settings.FrozenParameters : []);
    }

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        Unlearned.Enqueue(settings);
        return await RunAsync(globalAdapter, progress, cancellationToken);
    }

    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken)
    {
        Evaluated.Enqueue(settings);
        return Task.FromResult(new EvaluationMetrics
        {
            Test = new ClassificationReport([new ClassAccuracy(0, 4, 3), new ClassAccuracy(1, 6, 3)]),
            Forget = new ClassificationReport([new ClassAccuracy(0, 5, 1)]),
            MiaLoss = new MiaResult("loss", 0.55, [0.5, 0.6], 10, 10),
        });
    }

    private async Task<LocalTrainResult> RunAsync(ParameterSet global, IProgress<LocalProgress>? progress, CancellationToken cancellationToken,
        IReadOnlyList<string>? frozen = null)
    {
        if (ThrowNext is { } error)
        {
            ThrowNext = null;
            throw error;
        }

        if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
        progress?.Report(new LocalProgress(1, 2, 0.9));
        progress?.Report(new LocalProgress(2, 2, 0.4));
        var result = new ParameterSet(global.Select(t => frozen?.Contains(t.Name) == true
            ? new ParameterTensor(t.Name, t.Shape, [.. t.Data])
            : new ParameterTensor(t.Name, t.Shape, t.Data.Select(v => Poison ?? v + Delta).ToArray())));
        return new LocalTrainResult(result, SampleCount, new Dictionary<string, double> { ["loss"] = 0.4, ["ignored"] = double.NaN }, TimeSpan.FromSeconds(3));
    }
}
