using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Learning.Evaluation;

/// <summary>What to evaluate a model on; every member is optional and a missing one leaves its figures unmeasured.</summary>
public sealed record EvaluationSets
{
    /// <summary>The forgotten samples (for class scope: the samples of the forgotten class). MIA members.</summary>
    public IDataset? Forget { get; init; }

    /// <summary>The retained training samples.</summary>
    public IDataset? Retain { get; init; }

    /// <summary>Held-out test samples. MIA non-members.</summary>
    public IDataset? Test { get; init; }

    /// <summary>For class scope: the forgotten label; MIA non-members are then only the test samples of that class.</summary>
    public int? ForgetClass { get; init; }

    /// <summary>Triggered samples and the trigger's target class, for the backdoor attack success rate.</summary>
    public BackdoorProbe? Backdoor { get; init; }

    /// <summary>A reference model (usually the retrained one) for activation, JS and feature distances.</summary>
    public ClassifierModel? Reference { get; init; }

    /// <summary>The samples the distances are measured on; defaults to <see cref="Forget"/>, else <see cref="Test"/>.</summary>
    public IDataset? DistanceSet { get; init; }
}
