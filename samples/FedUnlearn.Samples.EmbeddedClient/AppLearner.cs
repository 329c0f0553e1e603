using FedUnlearn.Client;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Samples.EmbeddedClient;

/// <summary>
/// Where the app plugs in its model and data. A real app returns FedUnlearn.Learning's LoRA learner
/// (or its own) built from <see cref="LearnerContext.Model"/> on its local dataset, skipping every
/// sample in <see cref="LearnerContext.Tombstones"/>. This placeholder holds no data: it returns the
/// adapter unchanged (a zero update) and measures nothing, so the sample runs without a model.
/// </summary>
internal sealed class AppLearner(LearnerContext context) : ILocalLearner
{
    public int SampleCount => 0;

    public Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken) =>
        Task.FromResult(Unchanged(globalAdapter));

    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings, IProgress<LocalProgress>? progress,
        CancellationToken cancellationToken)
    {
        // The forget set of a sample-scope request: resolved locally, never received from the server.
        var forget = await context.ResolveForgetSamplesAsync(settings.ForgetRequestIds, cancellationToken);
        Console.WriteLine($"unlearning {forget.Length} local samples with {settings.Method}");
        return Unchanged(globalAdapter);
    }

    public Task<EvaluationMetrics> EvaluateAsync(ParameterSet adapter, LocalEvaluateSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(new EvaluationMetrics());

    private static LocalTrainResult Unchanged(ParameterSet adapter) =>
        new(adapter, 0, new Dictionary<string, double>(), TimeSpan.Zero);
}
