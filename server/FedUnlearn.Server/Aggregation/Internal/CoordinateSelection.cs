namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// In-place order statistics over one coordinate's values (one per client): quickselect
/// (Hoare partition, median-of-three pivot) so a median costs O(n), not a full sort, and nothing
/// is allocated. Values must be finite (the validator guarantees it).
/// </summary>
internal static class CoordinateSelection
{
    private const int InsertionSortThreshold = 12;

    /// <summary>The median; for an even count the mean of the two middle values.</summary>
    public static float Median(Span<float> values)
    {
        var n = values.Length;
        var upper = Select(values, n / 2);
        if ((n & 1) == 1) return upper;
        // After selecting n/2 the lower half sits left of it: its maximum is the other middle value.
        var lower = values[0];
        for (var i = 1; i < n / 2; i++) lower = MathF.Max(lower, values[i]);
        return (float)(((double)lower + upper) / 2);
    }

    /// <summary>The mean of the values left after dropping the <paramref name="trim"/> smallest and largest.</summary>
    public static float TrimmedMean(Span<float> values, int trim)
    {
        var n = values.Length;
        if (trim < 0 || 2 * trim >= n) throw new ArgumentOutOfRangeException(nameof(trim), trim, $"Cannot trim {trim} of {n} values from each side.");
        if (trim > 0)
        {
            Select(values, trim);
            // The n - trim values from index trim on: keep their n - 2·trim smallest at the front.
            Select(values[trim..], n - 2 * trim - 1);
        }
        double sum = 0;
        foreach (var v in values.Slice(trim, n - 2 * trim)) sum += v;
        return (float)(sum / (n - 2 * trim));
    }

    /// <summary>
    /// Reorders <paramref name="values"/> so that index <paramref name="k"/> holds the k-th smallest,
    /// everything before it is ≤ and everything after it is ≥; returns that value.
    /// </summary>
    public static float Select(Span<float> values, int k)
    {
        if ((uint)k >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(k));
        int lo = 0, hi = values.Length - 1;
        while (hi - lo > InsertionSortThreshold)
        {
            var pivot = MedianOfThree(values, lo, lo + (hi - lo) / 2, hi);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i > j) break;
                (values[i], values[j]) = (values[j], values[i]);
                i++;
                j--;
            }
            // Now [lo..j] ≤ pivot ≤ [i..hi], and anything strictly between equals the pivot.
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        InsertionSort(values[lo..(hi + 1)]);
        return values[k];
    }

    private static float MedianOfThree(Span<float> v, int a, int b, int c)
    {
        float x = v[a], y = v[b], z = v[c];
        return x < y ? (y < z ? y : MathF.Max(x, z)) : (x < z ? x : MathF.Max(y, z));
    }

    private static void InsertionSort(Span<float> v)
    {
        for (var i = 1; i < v.Length; i++)
        {
            var x = v[i];
            var j = i - 1;
            while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; }
            v[j + 1] = x;
        }
    }
}
