namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>Options of <see cref="AmnesiacMethod"/>.</summary>
public sealed record AmnesiacOptions
{
    /// <summary>
    /// <c>allow-lost</c>: when some forget samples were in batches the ledger dropped to respect its
    /// byte bound, subtract what is stored anyway (true) instead of failing (false, default): their
    /// influence then stays in the adapter, which the report's <c>lost_ids</c> says.
    /// </summary>
    public bool AllowLost { get; init; }

    /// <summary>Reads the options from a task's dictionary.</summary>
    public static AmnesiacOptions Read(MethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AmnesiacOptions { AllowLost = options.Boolean("allow-lost") ?? false };
    }
}
