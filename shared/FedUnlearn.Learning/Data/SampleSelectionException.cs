namespace FedUnlearn.Learning.Data;

/// <summary>
/// A selection of sample ids (a forget request, a lookup) names ids the dataset does not hold, or
/// names an id twice. The message lists the offending ids (the first few, with the total).
/// </summary>
public sealed class SampleSelectionException : ArgumentException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the offending ids.</summary>
    public SampleSelectionException(string message, IReadOnlyList<long> unknownIds, IReadOnlyList<long> duplicateIds)
        : base(message)
    {
        UnknownIds = unknownIds;
        DuplicateIds = duplicateIds;
    }

    /// <summary>Every selected id the dataset does not hold, in selection order.</summary>
    public IReadOnlyList<long> UnknownIds { get; }

    /// <summary>Every id selected more than once (each listed once), in order of first repetition.</summary>
    public IReadOnlyList<long> DuplicateIds { get; }
}
