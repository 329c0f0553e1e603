using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>Everything an unlearning method works with on one client.</summary>
public sealed record UnlearningContext
{
    /// <summary>The model, with the adapter to correct loaded (the current global adapter).</summary>
    public required ClassifierModel Model { get; init; }

    /// <summary>The samples to forget (for class scope: the client's samples of that class); null or empty only when <see cref="RetainOnly"/>.</summary>
    public IDataset? Forget { get; init; }

    /// <summary>The samples to keep: the client's data minus the forget set and minus tombstoned samples.</summary>
    public required IDataset Retain { get; init; }

    /// <summary>Held-out data the model was not trained on (the client's test split), for thresholds such as ∇τ's τ.</summary>
    public IDataset? HeldOut { get; init; }

    /// <summary>Tombstones, re-checked on every retain batch so that samples forgotten mid-run are left out at once.</summary>
    public ITombstoneStore? Tombstones { get; init; }

    /// <summary>
    /// The client holds no data to forget and runs only the retain side of the method (its part in a
    /// campaign for another client's request); the forget set must then be empty.
    /// </summary>
    public bool RetainOnly { get; init; }

    /// <summary>Training hyper-parameters (the server's settings); a method's own options may override some.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Per-step hooks (e.g. a layer-wise wrapper masking gradients); optimisation-based methods pass them to their loop.</summary>
    public TrainingHooks? Hooks { get; init; }

    /// <summary>Step progress of the method's optimisation, if it has one.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Class scope: the label being forgotten (the forget set is this node's samples of it); null for
    /// a samples request. Methods may pick scope-specific defaults from it (∇τ's threshold τ).
    /// </summary>
    public int? ForgetClass { get; init; }

    /// <summary>Number of samples to forget.</summary>
    public int ForgetCount => Forget?.Count ?? 0;
}
