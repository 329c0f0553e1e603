using System.Security.Cryptography;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Hosting;
using LearningSpec = FedUnlearn.Learning.Models.ModelSpec;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>The aggregator's options for one federation of the simulation, from the scenario.</summary>
internal static class ServerOptionsFactory
{
    /// <summary>
    /// The options for <paramref name="clients"/> connecting clients, and <paramref name="gone"/> clients of a
    /// continued store that left or are leaving: the aggregator's MinClients counts every admitted client, and
    /// its campaigns wait for that many less the removed ones.
    /// </summary>
    public static FederationServerOptions Create(SimulationContext context, PhaseSettings phase, string dataDirectory, int clients, int gone = 0)
    {
        var t = context.Scenario.Training;
        var options = new FederationServerOptions
        {
            FederationName = $"simulation-{context.Scenario.Name}",
            Port = 0,
            DataDirectory = dataDirectory,
            AdminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            MinClients = clients + gone,
            ClientsPerRound = t.ClientsPerRound is { } k ? Math.Min(k, clients) : null,
            Rounds = phase.Rounds,
            TrainingPaused = phase.TrainingPaused,
            Strategy = Strategy(t.Strategy),
            TrimmedMeanBeta = t.TrimBeta,
            NormBound = t.NormBound,
            Seed = phase.Seed,
            Shards = phase.Shards,
            HyperParameters = HyperParameters(t.LocalEpochs, t.BatchSize, t.LearningRate),
            Model = Describe(context.Base.Spec),
            InitialAdapter = phase.InitialAdapter,
            // Simulated clients never miss a deadline for good reasons; a stuck one is a bug worth seeing.
            RoundDeadline = TimeSpan.FromMinutes(10),
        };
        options.Forget.Verification = phase.Verification ?? Reporting(context.Scenario);
        if (phase.Method is { Name: MethodCatalog.ClientRemoval } removal)
            options.Forget.RepairRounds = removal.Settings.Rounds;
        else if (phase.Method is { } method)
        {
            options.Forget.Methods[method.Name] = method.Settings;
            options.Forget.DefaultMethod = method.Name;
        }

        return options;
    }

    /// <summary>
    /// The verification of a federation whose verdict the simulation does not need (training; the
    /// reference itself): figures reported, nothing judged, since the simulation compares every method
    /// with retraining centrally.
    /// </summary>
    public static VerificationPolicy Reporting(Scenario scenario) => new()
    {
        MaxClassForgetAccuracy = null,
        MaxTestAccuracyDrop = null,
        MembershipInference = scenario.Evaluation.Mia,
        MaxSamples = (uint)scenario.Evaluation.VerificationMaxSamples,
    };

    public static HyperParameters HyperParameters(int epochs, int batchSize, double learningRate) => new()
    {
        LocalEpochs = (uint)epochs,
        BatchSize = (uint)batchSize,
        LearningRate = learningRate,
        Optimizer = "adamw",
    };

    public static int ClientsPerRound(Scenario scenario, int clients) =>
        scenario.Training.ClientsPerRound is { } k ? Math.Min(k, clients) : clients;

    private static string Strategy(StrategyKind kind) => kind switch
    {
        StrategyKind.FedAvg => StrategyNames.FedAvg,
        StrategyKind.ExactLora => StrategyNames.ExactLora,
        StrategyKind.Median => StrategyNames.Median,
        StrategyKind.TrimmedMean => StrategyNames.TrimmedMean,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown strategy."),
    };

    private static ModelSpec Describe(LearningSpec spec)
    {
        var model = new ModelSpec
        {
            Architecture = spec.Kind.ToString().ToLowerInvariant(),
            InputShape = { spec.InputChannels, spec.ImageSize, spec.ImageSize },
            NumClasses = (uint)spec.NumClasses,
        };
        if (spec.LoRA is { } lora)
            model.Lora = new LoraSpec { Rank = (uint)lora.Rank, Alpha = lora.Alpha, TargetModules = { lora.Targets } };
        return model;
    }
}
