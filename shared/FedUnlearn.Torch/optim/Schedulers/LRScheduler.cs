namespace FedUnlearn.Torch.Optim.Schedulers;

/// <summary>
/// Base of the learning-rate schedulers, shaped like PyTorch 1.13's <c>_LRScheduler</c>: creating one
/// records each group's <see cref="ParamGroup.InitialLearningRate"/> and sets epoch 0's rate;
/// <see cref="step"/> advances one epoch (or one batch, if you call it per batch) and writes the new
/// rate into every group. The rates follow PyTorch's recursive ("chainable") formulas, so they match
/// PyTorch's to the last bit and compose with other code that edits <see cref="ParamGroup.LearningRate"/>.
/// </summary>
public abstract class LRScheduler
{
    private readonly double[] _baseLrs;
    private readonly double[] _lastLrs;

    /// <summary>Attaches to <paramref name="optimizer"/>; derived constructors end with <see cref="InitialStep"/>.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var group in optimizer.param_groups)
        {
            group.InitialLearningRate ??= group.LearningRate;
        }

        _baseLrs = [.. optimizer.param_groups.Select(g => g.InitialLearningRate!.Value)];
        _lastLrs = new double[_baseLrs.Length];
        last_epoch = -1;
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The epoch (number of <see cref="step"/> calls) the current rates belong to; 0 after construction.</summary>
    public int last_epoch { get; private set; }

    /// <summary>Each group's starting learning rate.</summary>
    public IReadOnlyList<double> base_lrs => _baseLrs;

    /// <summary>The learning rates set by the last step, one per group.</summary>
    public IReadOnlyList<double> get_last_lr() => _lastLrs;

    /// <summary>Advances one epoch and sets every group's learning rate.</summary>
    public void step()
    {
        last_epoch++;
        for (var i = 0; i < _baseLrs.Length; i++)
        {
            var group = Optimizer.param_groups[i];
            group.LearningRate = NextLearningRate(group.LearningRate, _baseLrs[i]);
            _lastLrs[i] = group.LearningRate;
        }
    }

    /// <summary>Sets epoch 0's rates; call it last in every derived constructor (PyTorch's <c>_initial_step</c>).</summary>
    protected void InitialStep() => step();

    /// <summary>The rate for <see cref="last_epoch"/> given the group's current rate and its base rate.</summary>
    protected abstract double NextLearningRate(double current, double baseLr);
}
