using System.Runtime.CompilerServices;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>Splits a stream into <c>\n</c>-terminated lines, reporting whether the last one was terminated.</summary>
internal static class JsonLinesReader
{
    /// <summary>No record is written longer; a longer line is reported rather than buffered.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>A line without its <c>\n</c>.</summary>
    public readonly record struct Line(long Number, long Offset, byte[] Bytes, bool Terminated, bool TooLong);

    /// <summary>Lines among the first <paramref name="limit"/> bytes; stops after a too-long line.</summary>
    public static async IAsyncEnumerable<Line> ReadAsync(
        Stream stream, long limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var pending = new MemoryStream();
        long number = 0, offset = 0, lineStart = 0, remaining = limit;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken)
                .ConfigureAwait(false);
            if (read == 0) break;
            remaining -= read;
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                pending.Write(buffer, start, end - start);
                offset += end - start;
                if (pending.Length > MaxLineBytes)
                {
                    yield return new Line(++number, lineStart, [], Terminated: newline >= 0, TooLong: true);
                    yield break;
                }
                if (newline < 0) break;
                yield return new Line(++number, lineStart, pending.ToArray(), Terminated: true, TooLong: false);
                pending.SetLength(0);
                offset++;
                lineStart = offset;
                start = newline + 1;
            }
        }
        if (pending.Length > 0)
            yield return new Line(++number, lineStart, pending.ToArray(), Terminated: false, TooLong: false);
    }
}
