namespace FedUnlearn.Contracts.SafeTensors;

/// <summary>Bounds that a reader enforces before allocating, so hostile input cannot exhaust memory.</summary>
public sealed class SafeTensorsReadOptions
{
    /// <summary>Defaults: the reference implementation's 100 MB header bound, data up to the largest array.</summary>
    public static SafeTensorsReadOptions Default { get; } = new();

    /// <summary>Largest accepted JSON header, in bytes (default 100,000,000 as in the reference reader).</summary>
    public int MaxHeaderLength { get; init; } = 100_000_000;

    /// <summary>Largest accepted tensor data section, in bytes (default <see cref="Array.MaxLength"/>).</summary>
    public long MaxDataLength { get; init; } = Array.MaxLength;

    internal void Validate()
    {
        if (MaxHeaderLength < 2)
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderLength), MaxHeaderLength, "Must be at least 2 (the header '{}').");
        if (MaxDataLength < 0 || MaxDataLength > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MaxDataLength), MaxDataLength, $"Must be between 0 and {Array.MaxLength}.");
    }
}
