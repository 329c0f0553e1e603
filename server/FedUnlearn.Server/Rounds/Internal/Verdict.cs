using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>The answer to one submission: a disposition, or a refusal with its reason.</summary>
/// <param name="Disposition">What to tell the client when the submission is not refused.</param>
/// <param name="Rejection">Why it was refused (INVALID_ARGUMENT at the edge); null otherwise.</param>
/// <param name="IsFinal">True when the task is now final: a re-send gets the same answer.</param>
internal sealed record Verdict(UpdateDisposition Disposition, string? Rejection = null, bool IsFinal = true)
{
    public static Verdict Accepted { get; } = new(UpdateDisposition.Accepted);

    public static Verdict Duplicate { get; } = new(UpdateDisposition.Duplicate);

    public static Verdict Late { get; } = new(UpdateDisposition.Late);

    public static Verdict Rejected(string reason, bool isFinal = true) => new(UpdateDisposition.Unspecified, reason, isFinal);
}
