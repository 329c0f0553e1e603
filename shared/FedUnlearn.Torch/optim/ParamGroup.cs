namespace FedUnlearn.Torch.Optim;

/// <summary>
/// Parameters that share a learning rate and weight decay, as PyTorch's <c>param_groups</c> entries.
/// A value left null takes the optimizer's default when the group is added; schedulers then update
/// <see cref="LearningRate"/> in place.
/// </summary>
public sealed class ParamGroup
{
    private double? _learningRate;
    private double? _weightDecay;

    /// <summary>Creates a group; <paramref name="lr"/> and <paramref name="weightDecay"/> override the optimizer's defaults.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (lr is { } l)
        {
            CheckLearningRate(l);
        }

        if (weightDecay is { } w)
        {
            CheckWeightDecay(w);
        }

        _learningRate = lr;
        _weightDecay = weightDecay;
    }

    /// <summary>The tensors this group updates, in order.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The current learning rate (PyTorch's <c>group["lr"]</c>).</summary>
    public double LearningRate
    {
        get => _learningRate ?? throw new InvalidOperationException("This group takes the optimizer's default learning rate; add it to an optimizer first.");
        set
        {
            CheckLearningRate(value);
            _learningRate = value;
        }
    }

    /// <summary>The weight decay (L2 penalty for SGD/Adam, decoupled decay for AdamW).</summary>
    public double WeightDecay
    {
        get => _weightDecay ?? throw new InvalidOperationException("This group takes the optimizer's default weight decay; add it to an optimizer first.");
        set
        {
            CheckWeightDecay(value);
            _weightDecay = value;
        }
    }

    /// <summary>The learning rate a scheduler started from (PyTorch's <c>group["initial_lr"]</c>), set by the first scheduler attached.</summary>
    public double? InitialLearningRate { get; internal set; }

    internal void ApplyDefaults(double lr, double weightDecay)
    {
        _learningRate ??= lr;
        _weightDecay ??= weightDecay;
    }

    private static void CheckLearningRate(double lr)
    {
        if (!(lr >= 0) || double.IsInfinity(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, "Invalid learning rate: expected a finite value >= 0.");
        }
    }

    private static void CheckWeightDecay(double weightDecay)
    {
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Invalid weight decay: expected a finite value >= 0.");
        }
    }
}
