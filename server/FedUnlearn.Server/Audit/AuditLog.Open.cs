using FedUnlearn.Server.Audit.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Server.Audit;

public sealed partial class AuditLog
{
    /// <summary>
    /// Opens (or creates) the log in <paramref name="dataDirectory"/> and continues its chain: the
    /// last record is checked (hash, signature, key id) before anything is appended after it.
    /// An unterminated last line can only be an append that crashed before it was acknowledged
    /// (an append returns only after its whole line, newline included, is fsync'ed), so it is
    /// truncated with a warning, or kept if it is a complete record that links to the chain.
    /// </summary>
    /// <param name="dataDirectory">The server's data directory; created if missing.</param>
    /// <param name="key">Signs new records; must be the key that signed the last record.</param>
    /// <param name="timeProvider">Source of <see cref="AuditRecord.RecordedAt"/>; defaults to the system clock.</param>
    /// <param name="logger">Receives the torn-tail warning and open/append events.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <exception cref="AuditLogCorruptException">The last complete record fails its checks.</exception>
    /// <exception cref="IOException">Another process holds the log open.</exception>
    public static async Task<AuditLog> OpenAsync(string dataDirectory, AuditSigningKey key,
        TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(key);
        logger ??= NullLogger.Instance;
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var lockFile = AcquireLock(path + ".lock");
        FileStream? stream = null;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            var tail = await AuditLogTail.RecoverAsync(path, stream, key, logger, cancellationToken).ConfigureAwait(false);
            AuditLogMessages.Opened(logger, path, tail.LastSequence, tail.HeadHash);
            return new AuditLog(path, stream, lockFile, key, timeProvider ?? TimeProvider.System, logger, tail);
        }
        catch
        {
            stream?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Two writers would fork the chain, so one process at a time holds this lock file.</summary>
    private static FileStream AcquireLock(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"Audit log is already open in another process or instance (lock '{lockPath}' is held).", e);
        }
    }
}
