namespace FedUnlearn.Server.Audit;

/// <summary>Scope of a forget request (written as <c>samples</c>, <c>class</c>, <c>client</c>).</summary>
public enum AuditScopeKind
{
    /// <summary>Samples held by one client (only their count is recorded).</summary>
    Samples,

    /// <summary>Every sample of one class, across the federation.</summary>
    Class,

    /// <summary>Everything one participant contributed.</summary>
    Client,
}
