using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>Where an opened log ends: its committed length and the record to chain on.</summary>
internal readonly record struct AuditLogTail(long Length, long LastSequence, string HeadHash, long RepairedBytes)
{
    private const int BlockSize = 8192;

    /// <summary>Checks the last record and repairs an unterminated last line (see AuditLog.OpenAsync).</summary>
    public static async Task<AuditLogTail> RecoverAsync(string path, FileStream stream, AuditSigningKey key, ILogger logger, CancellationToken ct)
    {
        using var checker = RecordChecker.FromPublicKeyPem(key.PublicKeyPem);
        var length = stream.Length;
        var lastNewline = await FindLastNewlineAsync(stream, length, ct).ConfigureAwait(false);
        AuditRecord? last = null;
        if (lastNewline >= 0)
        {
            var start = await FindLastNewlineAsync(stream, lastNewline, ct).ConfigureAwait(false) + 1;
            var result = lastNewline - start > JsonLinesReader.MaxLineBytes
                ? RecordChecker.Result.Fail(AuditFailureKind.UnparsableLine, null, "line too long")
                : checker.Check(await ReadRangeAsync(stream, start, (int)(lastNewline - start), ct).ConfigureAwait(false));
            last = result.Record ?? throw new AuditLogCorruptException(path,
                $"The last record of audit log '{path}' (at byte {start}) fails its checks: {result.Failure}: {result.Reason}. " +
                "Refusing to append after it; run 'fedunlearn audit verify' and restore the log (or the signing key) from a backup.");
        }

        var committed = lastNewline + 1;
        var repaired = length - committed;
        if (repaired > 0 && await TryKeepCompleteRecordAsync(stream, checker, committed, repaired, last, ct).ConfigureAwait(false) is { } kept)
        {
            AuditLogMessages.TornTailCompleted(logger, path, kept.Sequence);
            return new AuditLogTail(length + 1, kept.Sequence, kept.Hash, repaired);
        }
        if (repaired > 0)
        {
            AuditLogMessages.TornTailTruncated(logger, path, repaired, committed);
            stream.SetLength(committed);
            stream.Flush(flushToDisk: true);
        }
        return new AuditLogTail(committed, last?.Sequence ?? 0, last?.Hash ?? AuditRecord.GenesisHash, repaired);
    }

    /// <summary>
    /// If the unterminated bytes are a whole valid record that links to the chain (only its newline
    /// was lost), keep it: dropping a possibly acknowledged record is worse than a duplicate event.
    /// </summary>
    private static async Task<AuditRecord?> TryKeepCompleteRecordAsync(
        FileStream stream, RecordChecker checker, long offset, long count, AuditRecord? last, CancellationToken ct)
    {
        if (count > JsonLinesReader.MaxLineBytes) return null;
        var record = checker.Check(await ReadRangeAsync(stream, offset, (int)count, ct).ConfigureAwait(false)).Record;
        if (record is null || record.PreviousHash != (last?.Hash ?? AuditRecord.GenesisHash) || record.Sequence != (last?.Sequence ?? 0) + 1)
            return null;
        await RandomAccess.WriteAsync(stream.SafeFileHandle, "\n"u8.ToArray(), offset + count, ct).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
        return record;
    }

    /// <summary>Offset of the last <c>\n</c> before <paramref name="end"/>, or -1.</summary>
    private static async Task<long> FindLastNewlineAsync(FileStream stream, long end, CancellationToken ct)
    {
        var buffer = new byte[BlockSize];
        while (end > 0)
        {
            var start = Math.Max(0, end - BlockSize);
            var block = await ReadRangeAsync(stream, start, (int)(end - start), ct, buffer).ConfigureAwait(false);
            var index = Array.LastIndexOf(block, (byte)'\n', (int)(end - start) - 1);
            if (index >= 0) return start + index;
            end = start;
        }
        return -1;
    }

    private static async Task<byte[]> ReadRangeAsync(FileStream stream, long offset, int count, CancellationToken ct, byte[]? buffer = null)
    {
        buffer ??= new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer.AsMemory(done, count - done), offset + done, ct).ConfigureAwait(false);
            if (read == 0) throw new EndOfStreamException($"Audit log shrank while being opened (offset {offset + done}).");
            done += read;
        }
        return buffer;
    }
}
