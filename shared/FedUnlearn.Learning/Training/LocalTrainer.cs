using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training.Internal;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// Trains a model's adapter with cross-entropy on a client's local data: the plain "local update" of
/// federated learning. See <see cref="TrainingLoop"/> for the guarantees (all or nothing, tombstones,
/// reproducibility, threads).
/// </summary>
public sealed class LocalTrainer
{
    private readonly TrainingHooks? _hooks;

    /// <summary>Creates a trainer with <paramref name="options"/> (validated here).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LocalTrainer(TrainingOptions options, TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _hooks = hooks;
    }

    /// <summary>The hyper-parameters of every run.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Trains <paramref name="model"/>'s trainable parameters on <paramref name="data"/>, skipping tombstoned samples.</summary>
    /// <inheritdoc cref="TrainingLoop.Run" path="/exception"/>
    public TrainingResult Train(ClassifierModel model, IDataset data, ITombstoneStore? tombstones = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new TrainingLoop(model, Options, _hooks).Run(data, new CrossEntropyObjective(), tombstones, progress, cancellationToken);
}
