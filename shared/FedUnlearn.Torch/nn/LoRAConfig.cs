namespace FedUnlearn.Torch;

/// <summary>
/// Which linear layers get a LoRA adapter and its shape, as PEFT's <c>LoraConfig</c>. A target matches a
/// <see cref="Modules.Linear"/> whose dotted name equals it or ends with <c>"." + target</c>: <c>"q_proj"</c>
/// matches <c>blocks.0.attn.q_proj</c>; <c>"blocks.0.fc1"</c> matches only that layer.
/// </summary>
public sealed record LoRAConfig
{
    /// <summary>Names or dotted-name suffixes of the Linear layers to adapt, e.g. <c>["q_proj", "v_proj", "fc1"]</c>.</summary>
    public required IReadOnlyList<string> TargetModules { get; init; }

    /// <summary>Rank r of each adapter (PEFT's default 8).</summary>
    public int Rank { get; init; } = 8;

    /// <summary>α: the adapter output is scaled by α/r (PEFT's default 8).</summary>
    public double Alpha { get; init; } = 8;

    /// <summary>Dropout on the adapter path's input in training mode.</summary>
    public double Dropout { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">No targets, an empty target, rank below 1, α not positive, or dropout outside [0, 1).</exception>
    public void Validate()
    {
        if (TargetModules is null || TargetModules.Count == 0 || TargetModules.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("LoRA needs at least one non-empty target module name.", nameof(TargetModules));
        }

        if (Rank < 1)
        {
            throw new ArgumentException($"LoRA rank must be at least 1, got {Rank}.", nameof(Rank));
        }

        if (!double.IsFinite(Alpha) || Alpha <= 0)
        {
            throw new ArgumentException($"LoRA alpha must be positive and finite, got {Alpha}.", nameof(Alpha));
        }

        if (Dropout is < 0 or >= 1)
        {
            throw new ArgumentException($"LoRA dropout must be in [0, 1), got {Dropout}.", nameof(Dropout));
        }
    }
}
