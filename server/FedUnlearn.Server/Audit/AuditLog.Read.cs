using System.Runtime.CompilerServices;
using System.Text.Json;
using FedUnlearn.Server.Audit.Internal;

namespace FedUnlearn.Server.Audit;

public sealed partial class AuditLog
{
    /// <summary>Largest page <see cref="ReadPageAsync"/> returns.</summary>
    public const int MaxPageSize = 1000;

    /// <inheritdoc />
    /// <remarks>
    /// Records are parsed and their sequence checked against their line, not cryptographically
    /// verified: that is <see cref="AuditVerifier"/>'s job. Appends made during the enumeration are
    /// not included.
    /// </remarks>
    /// <exception cref="AuditLogCorruptException">A line is not a readable record.</exception>
    public IAsyncEnumerable<AuditRecord> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadFromAsync(1, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="fromSequence"/> is below 1 or <paramref name="count"/> outside 1..<see cref="MaxPageSize"/>.
    /// </exception>
    public async Task<IReadOnlyList<AuditRecord>> ReadPageAsync(long fromSequence, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPageSize);
        var page = new List<AuditRecord>(Math.Min(count, 64));
        await foreach (var record in ReadFromAsync(fromSequence, cancellationToken).ConfigureAwait(false))
        {
            page.Add(record);
            if (page.Count == count) break;
        }
        return page;
    }

    private async IAsyncEnumerable<AuditRecord> ReadFromAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Only acknowledged bytes: a concurrent append may be mid-write past this point.
        var end = Interlocked.Read(ref _committedLength);
        await using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var line in JsonLinesReader.ReadAsync(reader, end, cancellationToken).ConfigureAwait(false))
        {
            // In a valid log line n holds sequence n, so earlier lines are skipped unparsed.
            if (line.Number < fromSequence && !line.TooLong) continue;
            yield return ParseLine(line);
        }
    }

    private AuditRecord ParseLine(JsonLinesReader.Line line)
    {
        try
        {
            if (line.TooLong || !line.Terminated) throw new FormatException("line is too long or unterminated");
            using var document = JsonDocument.Parse(line.Bytes);
            var record = AuditRecordJson.Parse(document.RootElement);
            if (record.Sequence != line.Number) throw new FormatException($"line {line.Number} holds sequence {record.Sequence}");
            return record;
        }
        catch (Exception e) when (e is FormatException or JsonException or OverflowException)
        {
            throw new AuditLogCorruptException(LogPath,
                $"Audit log '{LogPath}' line {line.Number} is not a readable record ({e.Message}); run 'fedunlearn audit verify'.", e);
        }
    }
}
