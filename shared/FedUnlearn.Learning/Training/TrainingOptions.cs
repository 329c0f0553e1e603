namespace FedUnlearn.Learning.Training;

/// <summary>
/// Hyper-parameters of one local optimisation run: how many passes, how big the batches, which
/// optimizer with which learning-rate schedule, gradient clipping and the seed that makes a run replay.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the data (default 1).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per optimisation step (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay: decoupled for AdamW, L2 for Adam and SGD (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Clip the gradients' global L2 norm to this value; null (default) disables clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>The optimizer (default AdamW).</summary>
    public TrainingOptimizer Optimizer { get; init; } = TrainingOptimizer.AdamW;

    /// <summary>SGD momentum (ignored by Adam and AdamW; default 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>How the learning rate moves over the run (default constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Steps of linear warm-up from 0 for the warm-up schedules (default 0).</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Stop after this many optimisation steps even if epochs remain; null (default) runs every epoch.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Reshuffle the data every epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Drop each epoch's last, smaller batch (default false).</summary>
    public bool DropLast { get; init; }

    /// <summary>The seed of the shuffles (and of dropout): the same seed and data replay bit-identically on CPU.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Names of trainable parameters (as <c>named_parameters</c> and the adapter's <c>ParameterSet</c>
    /// name them, e.g. <c>fc1.lora_A</c>) to hold fixed: they leave the optimizer and get no gradient for
    /// the run, so they end bit-identical (exact-LoRA federations freeze every A). Every name must be a
    /// parameter of the model. Default: none.
    /// </summary>
    public IReadOnlyCollection<string> FrozenParameters { get; init; } = [];

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name of the offending setting, its value and the valid range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number.");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "The weight decay must be a finite number >= 0.");
        if (ClipNorm is { } clip && (!(clip > 0) || !double.IsFinite(clip)))
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), clip, "The clip norm must be a positive finite number (or null to disable clipping).");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "SGD momentum must be in [0, 1).");
        if (!Enum.IsDefined(Optimizer))
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "Unknown optimizer.");
        if (!Enum.IsDefined(Schedule))
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "Unknown learning-rate schedule.");
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps, nameof(WarmupSteps));
        if (MaxSteps is { } max) ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxSteps));
        ArgumentNullException.ThrowIfNull(FrozenParameters, nameof(FrozenParameters));
        if (FrozenParameters.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("A frozen parameter name is empty.", nameof(FrozenParameters));
    }
}
