namespace FedUnlearn.Server.Audit;

/// <summary>
/// The audit log on disk cannot be continued or read: a complete record failed its checks. The
/// server refuses to append on top of it rather than guess; <see cref="AuditVerifier"/> tells more.
/// </summary>
public sealed class AuditLogCorruptException : IOException
{
    /// <summary>Creates the exception for the log at <paramref name="path"/>.</summary>
    public AuditLogCorruptException(string path, string message, Exception? inner = null)
        : base(message, inner) => LogPath = path;

    /// <summary>The audit log file.</summary>
    public string LogPath { get; }
}
