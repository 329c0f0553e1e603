using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// Measures global adapters on data the simulation can see and no real server could: the whole test
/// split, every forget and retain sample. More precise than the federation's own verification
/// aggregates (which the server computes from the clients' reports), and the same for every method.
/// </summary>
internal static class CentralEvaluation
{
    /// <summary>Test accuracy and mean cross-entropy of <paramref name="adapter"/>.</summary>
    public static (double Accuracy, double Loss) Test(SimulationContext context, ParameterSet adapter, CancellationToken cancellationToken)
    {
        Load(context.Evaluated, adapter);
        var outputs = ModelEvaluator.Predict(context.Evaluated, context.Data.Test, false, ModelEvaluator.DefaultBatchSize, cancellationToken);
        return (outputs.Report().Accuracy, outputs.MeanCrossEntropy());
    }

    /// <summary>Accuracy of <paramref name="adapter"/> on <paramref name="sets"/>' forget and test sets only (campaign history).</summary>
    public static (double? Forget, double? Test) ForgetAndTest(SimulationContext context, ParameterSet adapter, EvaluationSets sets,
        CancellationToken cancellationToken)
    {
        Load(context.Evaluated, adapter);
        var metrics = ModelEvaluator.Evaluate(context.Evaluated, sets with { Retain = null, Reference = null, Backdoor = null },
            new EvaluationOptions { MembershipInference = false }, cancellationToken);
        return (metrics.ForgetAccuracy, metrics.TestAccuracy);
    }

    /// <summary>Every figure of <paramref name="adapter"/> on <paramref name="sets"/>, with distances to <paramref name="reference"/> when given.</summary>
    public static EvaluationMetrics Full(SimulationContext context, ParameterSet adapter, EvaluationSets sets, ParameterSet? reference, bool mia,
        CancellationToken cancellationToken)
    {
        Load(context.Evaluated, adapter);
        if (reference is not null) Load(context.Reference, reference);
        return ModelEvaluator.Evaluate(context.Evaluated, sets with { Reference = reference is null ? null : context.Reference },
            new EvaluationOptions { MembershipInference = mia }, cancellationToken);
    }

    private static void Load(ClassifierModel model, ParameterSet adapter)
    {
        using var scope = torch.NewDisposeScope();
        model.LoadAdapterParameterSet(adapter);
    }
}
