using System.Diagnostics;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>
/// The optimisation engine under local training and every optimisation-based unlearning method: it
/// batches one dataset, asks a <see cref="TrainingObjective"/> for each step's loss and updates only
/// the model's trainable parameters (the LoRA adapter).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>All or nothing: the adapter is snapshotted first; a NaN/∞ loss, gradient norm or final
/// parameter (<see cref="TrainingDivergedException"/>), a cancellation between steps, or any other
/// exception restores it before the exception propagates.</item>
/// <item>Each step runs in its own dispose scope, so batch tensors and activations are freed at once.</item>
/// <item>Reproducible: batches come from a <see cref="BatchSampler"/> seeded with
/// <see cref="TrainingOptions.Seed"/> (and libtorch is seeded when the model has dropout), so the same
/// options, data and starting adapter give a bit-identical adapter on CPU.</item>
/// <item>Parameters named in <see cref="TrainingOptions.FrozenParameters"/> are held fixed: out of the
/// optimizer and with <c>requires_grad</c> off for the run (restored after), so they end bit-identical.</item>
/// <item>Synchronous and thread-bound (dispose scopes and grad mode are per thread): run it on one
/// thread, e.g. inside <c>Task.Run</c>, never across an <c>await</c>.</item>
/// </list>
/// </remarks>
public sealed class TrainingLoop
{
    private readonly ClassifierModel _model;
    private readonly TrainingHooks? _hooks;

    /// <summary>Prepares a loop over <paramref name="model"/>'s trainable parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TrainingLoop(ClassifierModel model, TrainingOptions options, TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        Options = options;
        _hooks = hooks;
    }

    /// <summary>The run's hyper-parameters.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The device batches are created on: the one holding the model's trainable parameters.</summary>
    public Device Device => ModelDataChecks.Trainable(_model)[0].Parameter.device;

    /// <summary>
    /// Runs every epoch over <paramref name="data"/> (tombstoned samples skipped, even ones tombstoned
    /// mid-run), minimising <paramref name="objective"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the model (feature length, labels).</exception>
    /// <exception cref="InvalidOperationException">The model has no trainable parameter.</exception>
    /// <exception cref="TrainingDivergedException">A loss, gradient norm or parameter became NaN/∞; the adapter was restored.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps; the adapter was restored.</exception>
    public TrainingResult Run(IDataset data, TrainingObjective objective, ITombstoneStore? tombstones = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ModelDataChecks.Fits(_model, data, "training");
        var parameters = ModelDataChecks.Trainable(_model, Options.FrozenParameters);
        var clock = Stopwatch.StartNew();
        if (data.Count == 0) return new TrainingResult(0, 0, null, null, [], clock.Elapsed);

        var stream = new BatchStream(data, SamplerOptions(Options), tombstones, parameters[0].Parameter.device);
        var first = stream.PlanEpoch(0);
        var total = (int)Math.Min((long)first.BatchCount * Options.Epochs, Options.MaxSteps ?? int.MaxValue);
        var wasTraining = _model.training;
        using var snapshot = AdapterSnapshot.Capture(_model);
        var held = FrozenParameterScope.Hold(_model, Options.FrozenParameters);
        try
        {
            _model.train();
            Randomness.SeedIfStochastic(_model, Options.Seed);
            using var run = new RunState(_model, parameters, Options, _hooks, total, progress, cancellationToken);
            for (var epoch = 0; epoch < Options.Epochs && run.Step < total; epoch++)
            {
                objective.BeginEpoch(new EpochContext(_model, epoch, run.Step, total));
                run.Epoch(stream, epoch == 0 ? first : stream.PlanEpoch(epoch), epoch, objective);
            }

            run.CheckParametersFinite();
            return run.Result(first.SampleCount, clock.Elapsed);
        }
        catch
        {
            snapshot.Restore();
            throw;
        }
        finally
        {
            held.Release();
            _model.train(wasTraining);
        }
    }

    /// <summary>The sampler settings of a run: batch size, shuffling, drop-last and seed.</summary>
    public static BatchSamplerOptions SamplerOptions(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BatchSamplerOptions
        {
            BatchSize = options.BatchSize,
            Shuffle = options.Shuffle,
            DropLast = options.DropLast,
            Seed = unchecked((ulong)options.Seed),
        };
    }
}
