using System.Security.Cryptography;
using FedUnlearn.Server.Audit.Internal;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Audit;

/// <summary>
/// The audit trail as a JSON Lines file (<see cref="FileName"/>) in the server's data directory:
/// one canonical, hash-chained, signed record per line, fsync'ed before an append returns.
/// One process at a time may hold it open (a lock file enforces it); readers and
/// <see cref="AuditVerifier"/> may read it meanwhile.
/// </summary>
public sealed partial class AuditLog : IAuditLog, IAsyncDisposable, IDisposable
{
    /// <summary>File name of the log in the data directory.</summary>
    public const string FileName = "audit.jsonl";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;
    private readonly FileStream _lock;
    private readonly AuditSigningKey _key;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _committedLength;
    private long _lastSequence;
    private string _headHash;
    private bool _faulted;
    private bool _disposed;

    private AuditLog(string path, FileStream stream, FileStream lockFile, AuditSigningKey key, TimeProvider time, ILogger logger, AuditLogTail tail)
    {
        LogPath = path;
        _stream = stream;
        _lock = lockFile;
        _key = key;
        _time = time;
        _logger = logger;
        _committedLength = tail.Length;
        _lastSequence = tail.LastSequence;
        _headHash = tail.HeadHash;
        RepairedTailBytes = tail.RepairedBytes;
    }

    /// <summary>Full path of the log file.</summary>
    public string LogPath { get; }

    /// <summary>
    /// Bytes of an unterminated last line found on open (an interrupted, unacknowledged append) and
    /// truncated away or, if they formed a complete valid record, kept and terminated; 0 normally.
    /// </summary>
    public long RepairedTailBytes { get; }

    /// <inheritdoc />
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <inheritdoc />
    public string HeadHash => Volatile.Read(ref _headHash);

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(string kind, string? ticketId, AuditBody body, CancellationToken cancellationToken = default)
    {
        AuditValidation.ValidateAppend(kind, ticketId, body);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_faulted)
                throw new IOException($"Audit log '{LogPath}' failed an earlier append and could not roll it back; reopen it to repair.");
            var draft = new AuditRecord(_lastSequence + 1, _time.GetUtcNow(), kind, ticketId, body, _headHash, _key.KeyId, "", "");
            var digest = SHA256.HashData(AuditRecordJson.Preimage(draft));
            var record = draft with
            {
                Hash = Convert.ToHexStringLower(digest),
                Signature = Convert.ToHexStringLower(_key.SignHash(digest)),
            };
            var line = AuditRecordJson.Line(record);
            if (line.Length > JsonLinesReader.MaxLineBytes)
                throw new ArgumentException($"Audit record would be {line.Length} bytes; the limit is {JsonLinesReader.MaxLineBytes}.", nameof(body));

            // Last point to cancel: once bytes go out, the write completes or is rolled back.
            cancellationToken.ThrowIfCancellationRequested();
            await WriteDurablyAsync(line).ConfigureAwait(false);
            Interlocked.Add(ref _committedLength, line.Length);
            Interlocked.Exchange(ref _lastSequence, record.Sequence);
            Volatile.Write(ref _headHash, record.Hash);
            AuditLogMessages.Appended(_logger, record.Sequence, kind, ticketId);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteDurablyAsync(byte[] line)
    {
        try
        {
            _stream.Position = _committedLength;
            await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true); // fsync: the record is acknowledged only once durable
        }
        catch
        {
            try
            {
                _stream.SetLength(_committedLength);
                _stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                _faulted = true; // the tail is unknown; OpenAsync repairs a torn line
            }
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Dispose();
            _lock.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
