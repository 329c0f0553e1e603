namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>What is measured after each campaign.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Run the membership-inference attacks (loss and entropy). Default true.</summary>
    public bool Mia { get; init; } = true;

    /// <summary>The model every method is compared against. Default retrain.</summary>
    public ReferenceKind Reference { get; init; } = ReferenceKind.Retrain;

    /// <summary>
    /// Judge each method's federated verification against the reference's (the aggregator's
    /// <c>VerificationPolicy.Reference</c>, default tolerances: test accuracy 1.5 points, forget accuracy
    /// and MIA 5, backdoor success 3): the reference runs first, and its verification figures become
    /// the others' reference. The verdict (completed, or failed and why) is reported per method; a
    /// failed verdict is a result, not an error. Default true; false reports figures only.
    /// </summary>
    public bool JudgeAgainstReference { get; init; } = true;

    /// <summary>
    /// Samples per set each client evaluates in a verification round (the aggregator's
    /// <c>VerificationPolicy.MaxSamples</c>); 0 (default) for all. The simulation's own figures are always
    /// measured centrally on the full sets.
    /// </summary>
    public int VerificationMaxSamples { get; init; }
}
