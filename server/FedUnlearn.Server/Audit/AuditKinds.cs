namespace FedUnlearn.Server.Audit;

/// <summary>
/// Well-known record kinds. Any kind made of lower-case dotted words (<c>[a-z0-9_]</c> segments,
/// at least two) is accepted, so new events need no change here.
/// </summary>
public static class AuditKinds
{
    /// <summary>A forget request was persisted and acknowledged.</summary>
    public const string ForgetAccepted = "forget.accepted";

    /// <summary>A forget campaign finished and passed verification.</summary>
    public const string ForgetCompleted = "forget.completed";

    /// <summary>A forget campaign gave up; the body's fields say why.</summary>
    public const string ForgetFailed = "forget.failed";

    /// <summary>A participant was admitted.</summary>
    public const string ClientAdded = "client.added";

    /// <summary>A participant was removed from the federation.</summary>
    public const string ClientRemoved = "client.removed";
}
