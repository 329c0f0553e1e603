using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Aggregation.ExactLora;

/// <summary>
/// Exact LoRA aggregation. Averaging A and B separately is not averaging the clients' updates:
/// mean(Bᵢ)·mean(Aᵢ) ≠ mean(Bᵢ·Aᵢ). When A is frozen and shared, only B is trained, and the average
/// of B·A is exact: mean(Bᵢ)·A = mean(Bᵢ·A). So this strategy tells every client to freeze the A
/// factors (<see cref="ClientInstruction.FrozenParameters"/>), verifies that every client sent the
/// global A back unchanged (within <see cref="ExactLoraOptions.FrozenTolerance"/>; otherwise the
/// update is rejected), keeps A, and averages B weighted by sample count like FedAvg. Tensors
/// that are neither A nor B (biases, a head) are averaged as in FedAvg.
/// </summary>
public sealed class ExactLoraStrategy : AggregationStrategyBase
{
    private readonly ExactLoraOptions _options;

    /// <summary>Creates the strategy.</summary>
    public ExactLoraStrategy(ExactLoraOptions? options = null) : base(options ??= new ExactLoraOptions()) =>
        _options = options;

    /// <inheritdoc />
    public override string Name => "exact-lora";

    /// <inheritdoc />
    /// <remarks>Every instruction lists the global adapter's A factors as frozen.</remarks>
    public override IReadOnlyList<ClientInstruction> ConfigureTrain(RoundContext round, IReadOnlyList<ClientInfo> available)
    {
        ArgumentNullException.ThrowIfNull(round);
        IReadOnlyList<string> frozen = FrozenParameters(round);
        return [.. base.ConfigureTrain(round, available).Select(i => i with { FrozenParameters = frozen })];
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> FrozenParameters(RoundContext round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return [.. round.Global.Select(t => t.Name).Where(_options.IsFrozenA)];
    }

    /// <inheritdoc />
    public override IUpdateAggregator CreateAggregator(RoundContext round) =>
        new FrozenAAggregator(round, Validator, _options.IsFrozenA, _options.FrozenTolerance);
}
