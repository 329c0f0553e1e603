namespace FedUnlearn.Contracts.Adapters;

/// <summary>Limits an <see cref="AdapterAssembler"/> enforces on a declared payload.</summary>
public sealed class AdapterAssemblerOptions
{
    /// <summary>Defaults: payloads up to 256 MiB.</summary>
    public static AdapterAssemblerOptions Default { get; } = new();

    /// <summary>Largest payload accepted, in bytes; the assembler allocates the declared size, so this
    /// bounds the memory one upload can take (default 256 MiB, far above a LoRA adapter).</summary>
    public long MaxPayloadSize { get; init; } = 256L << 20;

    internal void Validate()
    {
        if (MaxPayloadSize < 0 || MaxPayloadSize > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadSize), MaxPayloadSize, $"Must be between 0 and {Array.MaxLength}.");
    }
}
