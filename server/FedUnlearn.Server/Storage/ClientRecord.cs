namespace FedUnlearn.Server.Storage;

/// <summary>An admitted client. Its token is never stored, only a salted hash.</summary>
/// <param name="Id">Stable id, generated at registration.</param>
/// <param name="Name">Operator-chosen unique name (e.g. <c>hospital-a</c>).</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="LastSeenAt">When it last authenticated, if ever.</param>
public sealed record ClientRecord(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt)
{
    /// <summary>When the client left the federation (client-scope forget); its token no longer authenticates.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}
