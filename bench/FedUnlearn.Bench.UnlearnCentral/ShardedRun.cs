using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning.ShardedExact;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// Sharded-exact unlearning, centrally: K adapters trained on the scenario's data by id hash (the same
/// budget per sample as the original), then the shards holding a forget sample retrained without it.
/// Only the forgetting is timed; the result is the ensemble's evaluation.
/// </summary>
internal sealed class ShardedRun(ModelSetup setup, TextWriter log)
{
    public (EvaluationMetrics Metrics, Cost ForgetCost) Run(ClassifierModel model, Scenario scenario, int shards, EvaluationSets sets,
        CancellationToken cancellationToken)
    {
        var spec = new ShardedSpec { Shards = shards, InitSeed = ModelSetup.AdapterSeed, Training = setup.FineTune };
        var (set, trainCost) = Cost.Measure(() => ShardedAdapterSet.Train(model, scenario.Train, spec, cancellationToken: cancellationToken));
        var ids = Enumerable.Range(0, scenario.Forget.Count).Select(scenario.Forget.GetId).ToList();
        var (retrained, forgetCost) = Cost.Measure(() => set.Forget(model, scenario.Train, ids, cancellationToken: cancellationToken));
        log.WriteLine($"# {setup.Name} {scenario.Key} sharded-exact: {shards} shards trained in {trainCost.Cpu.TotalSeconds:F2} s CPU, "
            + $"forgetting retrained {retrained.Count} of them in {forgetCost.Cpu.TotalSeconds:F2} s CPU");
        return (ShardedEvaluation.Evaluate(set, model, sets, cancellationToken), forgetCost);
    }
}
