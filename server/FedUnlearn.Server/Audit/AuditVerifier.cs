using FedUnlearn.Server.Audit.Internal;

namespace FedUnlearn.Server.Audit;

/// <summary>
/// Checks an audit log with nothing but its file and the server's public key: every record's hash,
/// signature, key id, sequence and link to the previous record, stopping at the first bad record.
/// Bad content is a result, never an exception.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies the JSON Lines audit log at <paramref name="path"/>.</summary>
    /// <param name="path">The log file (<see cref="AuditLog.FileName"/> in the server's data directory).</param>
    /// <param name="publicKeyPem">SubjectPublicKeyInfo PEM (<see cref="AuditSigningKey.PublicKeyFileName"/>).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException">The key is not an ECDSA P-256 public key PEM.</exception>
    public static async Task<AuditVerification> VerifyAsync(string path, string publicKeyPem, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Audit log '{path}' does not exist.", path);
        // ReadWrite sharing: a running server may hold the log open for appending.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await VerifyAsync(stream, publicKeyPem, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies an audit log read from <paramref name="log"/> to its end.</summary>
    /// <exception cref="ArgumentException">The key is not an ECDSA P-256 public key PEM.</exception>
    public static async Task<AuditVerification> VerifyAsync(Stream log, string publicKeyPem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var checker = RecordChecker.FromPublicKeyPem(publicKeyPem);
        long count = 0;
        var head = AuditRecord.GenesisHash;
        await foreach (var line in JsonLinesReader.ReadAsync(log, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var failure = Check(checker, line, count, head, out var record);
            if (failure is not null) return new AuditVerification(count, head, failure);
            count++;
            head = record!.Hash;
        }
        return new AuditVerification(count, head, null);
    }

    private static AuditFailure? Check(RecordChecker checker, JsonLinesReader.Line line, long count, string head, out AuditRecord? record)
    {
        record = null;
        var expected = count + 1;
        if (line.TooLong)
            return new(AuditFailureKind.UnparsableLine, expected, line.Number, $"line {line.Number} is longer than {JsonLinesReader.MaxLineBytes} bytes");
        if (!line.Terminated)
            return new(AuditFailureKind.IncompleteLastLine, expected, line.Number,
                $"line {line.Number} ends without a newline: an append was interrupted before it was acknowledged (the server truncates it when it next opens the log)");
        var result = checker.Check(line.Bytes);
        record = result.Record;
        if (record is null)
            return new(result.Failure!.Value, result.ClaimedSequence ?? expected, line.Number, $"line {line.Number}: {result.Reason}");
        if (record.PreviousHash != head)
            return new(AuditFailureKind.ChainBroken, record.Sequence, line.Number, count == 0
                ? $"previous_hash {record.PreviousHash} is not the genesis hash: records before it were removed"
                : $"previous_hash {record.PreviousHash} is not the hash of the record before it (sequence {count}, {head}): a record was removed, inserted or reordered");
        if (record.Sequence != expected)
            return new(AuditFailureKind.SequenceGap, record.Sequence, line.Number, $"sequence {record.Sequence} follows record {count}; expected {expected}");
        return null;
    }
}
