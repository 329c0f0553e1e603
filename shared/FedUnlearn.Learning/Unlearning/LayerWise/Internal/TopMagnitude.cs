using System.Buffers;

namespace FedUnlearn.Learning.Unlearning.LayerWise.Internal;

/// <summary>
/// Picks the k coordinates of largest magnitude, deterministically: ties at the threshold go to the
/// lowest indices, so the same values always give the same choice (on every client, in every run).
/// </summary>
internal static class TopMagnitude
{
    /// <summary>How many of <paramref name="count"/> coordinates a fraction keeps: round(p·n), at least one (none of none).</summary>
    public static int Kept(int count, double fraction) =>
        count == 0 ? 0 : Math.Clamp((int)Math.Round(fraction * count, MidpointRounding.AwayFromZero), 1, count);

    /// <summary>The indices of the <paramref name="k"/> largest |values|, ascending.</summary>
    public static int[] Select(ReadOnlySpan<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, values.Length);
        if (k == 0) return [];
        var result = new int[k];
        if (k == values.Length)
        {
            for (var i = 0; i < k; i++) result[i] = i;
            return result;
        }

        var magnitudes = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            for (var i = 0; i < values.Length; i++) magnitudes[i] = Math.Abs(values[i]);
            var sorted = magnitudes.AsSpan(0, values.Length);
            sorted.Sort();
            var threshold = sorted[values.Length - k];
            var above = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Math.Abs(values[i]) > threshold) above++;
            }

            // Everything above the threshold, then the lowest-index coordinates equal to it until k.
            var ties = k - above;
            var n = 0;
            for (var i = 0; i < values.Length && n < k; i++)
            {
                var magnitude = Math.Abs(values[i]);
                if (magnitude > threshold || (magnitude == threshold && ties-- > 0)) result[n++] = i;
            }

            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(magnitudes);
        }
    }
}
