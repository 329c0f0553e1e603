namespace FedUnlearn.Server.Aggregation;

/// <summary>Whether an update may count, and if not, exactly why.</summary>
public readonly record struct ValidationResult
{
    private ValidationResult(string? reason) => Reason = reason;

    /// <summary>The update is acceptable.</summary>
    public static ValidationResult Valid => default;

    /// <summary>True when the update is acceptable.</summary>
    public bool IsValid => Reason is null;

    /// <summary>Why the update is refused; null when valid.</summary>
    public string? Reason { get; }

    /// <summary>A refusal with a precise reason (e.g. <c>tensor 'fc1.lora_B' has 3 non-finite values</c>).</summary>
    public static ValidationResult Invalid(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ValidationResult(reason);
    }

    /// <inheritdoc />
    public override string ToString() => Reason ?? "valid";
}
