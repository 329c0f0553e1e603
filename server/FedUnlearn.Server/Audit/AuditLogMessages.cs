using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Audit;

/// <summary>Log messages of the audit trail.</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Created audit signing key {KeyId} at {Path}; back it up: the log cannot be continued without it")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Audit signing key {Path} had mode {Mode}, readable beyond its owner; set it to 0600. Consider the key exposed")]
    public static partial void SigningKeyPermissionsTightened(ILogger logger, string path, UnixFileMode mode);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Public key file {Path} was missing its content or did not match the signing key; rewrote it for key {KeyId}")]
    public static partial void PublicKeyRewritten(ILogger logger, string path, string keyId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Audit log {Path} ended in an incomplete line of {Bytes} bytes at offset {Offset}: an append interrupted before it was acknowledged. Truncated it; no acknowledged record is lost")]
    public static partial void TornTailTruncated(ILogger logger, string path, long bytes, long offset);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "Audit log {Path} ended in record {Sequence} without its newline (interrupted append); the record is complete and links to the chain, so it was kept and terminated")]
    public static partial void TornTailCompleted(ILogger logger, string path, long sequence);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Opened audit log {Path}: {Count} records, head {Head}")]
    public static partial void Opened(ILogger logger, string path, long count, string head);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug,
        Message = "Audit record {Sequence} {Kind} (ticket {TicketId}) appended")]
    public static partial void Appended(ILogger logger, long sequence, string kind, string? ticketId);
}
