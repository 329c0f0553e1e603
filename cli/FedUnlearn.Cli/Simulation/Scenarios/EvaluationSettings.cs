namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>What is measured after each campaign.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Run the membership-inference attacks (loss and entropy). Default true.</summary>
    public bool Mia { get; init; } = true;

    /// <summary>The model every method is compared against. Default retrain.</summary>
    public ReferenceKind Reference { get; init; } = ReferenceKind.Retrain;
}
