namespace FedUnlearn.Client.Internal;

/// <summary>How one connection (Join + task stream) ended, when it ended without an exception.</summary>
internal sealed record SessionEnd(SessionEndKind Kind, string Reason)
{
    public bool ShouldReconnect => Kind != SessionEndKind.Removed;
}
