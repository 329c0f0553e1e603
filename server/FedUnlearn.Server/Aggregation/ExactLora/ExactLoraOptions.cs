namespace FedUnlearn.Server.Aggregation.ExactLora;

/// <summary>Options of <see cref="ExactLoraStrategy"/>.</summary>
public sealed class ExactLoraOptions : StrategyOptions
{
    /// <summary>Which tensors are the frozen, shared A factors. Default <see cref="LoraNaming.IsLoraA"/>.</summary>
    public Func<string, bool> IsFrozenA { get; set; } = LoraNaming.IsLoraA;

    /// <summary>
    /// Largest absolute difference allowed between a client's A and the global A (for a delta
    /// update: the largest absolute A delta). A is sent back untouched, so the default is tiny.
    /// </summary>
    public float FrozenTolerance { get; set; } = 1e-6f;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(IsFrozenA);
        if (!(FrozenTolerance >= 0 && float.IsFinite(FrozenTolerance)))
            throw new ArgumentOutOfRangeException(nameof(FrozenTolerance), FrozenTolerance, "Must be finite and non-negative.");
    }
}
