using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Torch;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// Runs one scenario for one model: fine-tunes the original adapter from the fresh initialisation,
/// retrains it without the forget set (same budget), then runs every planned method from the
/// original adapter and evaluates each result against the retrained model.
/// </summary>
internal sealed class ScenarioRunner(ModelSetup setup, BenchData data, BenchOptions options, TextWriter log)
{
    /// <summary>Retained samples evaluated for retain accuracy (a seeded subset; the whole set costs the ViT seconds per row).</summary>
    public const int RetainEvaluationCount = 10_000;

    private readonly MethodRegistry _registry = MethodRegistry.CreateDefault();

    public List<ResultRow> Run(ClassifierModel model, ClassifierModel reference, Scenario scenario, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        AdapterInitializer.Reset(model, ModelSetup.AdapterSeed);
        var trained = new LocalTrainer(setup.FineTune).Train(model, scenario.Train, cancellationToken: cancellationToken);
        var original = model.ToAdapterParameterSet();
        Log(scenario, "original", trained.Elapsed, trained.Steps);

        var retrainMethod = new PlannedMethod("retrain", new Dictionary<string, string> { ["init-seed"] = ModelSetup.AdapterSeed.ToString() });
        var retrain = Unlearn(model, retrainMethod, scenario, scenario.Retain, cancellationToken);
        reference.LoadAdapterParameterSet(retrain.Adapter);
        Log(scenario, "retrain", retrain.Elapsed, retrain.Steps);

        var sets = EvaluationSets(scenario, reference);
        rows.Add(Row(scenario, "original", "—", Evaluate(model, original, sets, cancellationToken), trained.Elapsed, null, trained.Steps));
        rows.Add(Row(scenario, "retrain", retrainMethod.Describe(), Evaluate(model, retrain.Adapter, sets, cancellationToken), retrain.Elapsed, null, retrain.Steps));

        var budget = Subsample(scenario.Retain, options.RetainBudget, $"{scenario.Key}/retain-budget");
        foreach (var planned in MethodPlan.For(scenario.Key, setup, options.Methods))
        {
            model.LoadAdapterParameterSet(original);
            var outcome = Unlearn(model, planned, scenario, budget, cancellationToken);
            Log(scenario, planned.Method, outcome.Elapsed, outcome.Steps);
            var speedUp = retrain.Elapsed / outcome.Elapsed;
            rows.Add(Row(scenario, planned.Method, planned.Describe(), Evaluate(model, outcome.Adapter, sets, cancellationToken), outcome.Elapsed, speedUp, outcome.Steps));
        }

        return rows;
    }

    private UnlearningOutcome Unlearn(ClassifierModel model, PlannedMethod planned, Scenario scenario, IDataset retain, CancellationToken cancellationToken)
    {
        var method = _registry.Create(planned.Method, planned.Options);
        var context = new UnlearningContext
        {
            Model = model,
            Forget = scenario.Forget,
            Retain = retain,
            HeldOut = data.Validation,
            Training = setup.FineTune,
        };
        return UnlearningRunner.Run(method, context, cancellationToken);
    }

    private EvaluationSets EvaluationSets(Scenario scenario, ClassifierModel reference) => new()
    {
        Forget = scenario.Forget,
        Retain = Subsample(scenario.Retain, RetainEvaluationCount, $"{scenario.Key}/retain-eval"),
        Test = data.Test,
        ForgetClass = scenario.ForgetClass,
        Backdoor = scenario.Backdoor,
        Reference = reference,
    };

    private static Learning.Metrics.EvaluationMetrics Evaluate(ClassifierModel model, ParameterSet adapter, EvaluationSets sets, CancellationToken cancellationToken)
    {
        model.LoadAdapterParameterSet(adapter);
        return ModelEvaluator.Evaluate(model, sets, cancellationToken: cancellationToken);
    }

    private IDataset Subsample(IDataset set, int count, string name)
    {
        if (set.Count <= count) return set;
        var indices = Enumerable.Range(0, set.Count).ToArray();
        new Random(options.Seed + 11).Shuffle(indices);
        return set.Subset(indices.Take(count).Order(), name);
    }

    private ResultRow Row(Scenario scenario, string method, string describe, Learning.Metrics.EvaluationMetrics metrics, TimeSpan elapsed, double? speedUp, int steps) =>
        new(setup.Name, scenario.Key, method, describe, metrics, scenario.ForgetClass, elapsed, speedUp, steps);

    private void Log(Scenario scenario, string what, TimeSpan elapsed, int steps) =>
        log.WriteLine($"# {setup.Name} {scenario.Key} {what}: {steps} steps in {elapsed.TotalSeconds:F2} s");
}
