using System.Numerics;
using System.Runtime.InteropServices;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// The fused inner loop of FedAvg: <c>next = sum + w·(x − g)</c> (or <c>w·x</c> for a delta) and a
/// finiteness check of every result, in one pass over the update. The check rides along for free:
/// <c>r − r</c> is 0 for a finite r and NaN otherwise, and NaN sticks in the accumulator, so a
/// non-finite input value or an overflowing sum is caught without a separate validation pass.
/// </summary>
/// <remarks>
/// Multiply and add are separate roundings (not a fused FMA) so results are identical on every
/// machine. Plain stores keep the running sum in cache for the next update.
/// </remarks>
internal static class FoldKernel
{
    /// <summary>True when every value written to <paramref name="next"/> is finite.</summary>
    public static bool MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight,
        ReadOnlySpan<float> sum, Span<float> next)
    {
        var n = next.Length;
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rg = ref MemoryMarshal.GetReference(global);
        ref var rs = ref MemoryMarshal.GetReference(sum);
        ref var rn = ref MemoryMarshal.GetReference(next);
        var w = new Vector<float>(weight);
        var check = Vector<float>.Zero;
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var offset = (nuint)i;
            var d = Vector.LoadUnsafe(ref rx, offset);
            if (subtractGlobal) d -= Vector.LoadUnsafe(ref rg, offset);
            var r = Vector.LoadUnsafe(ref rs, offset) + d * w;
            check += r - r;
            r.StoreUnsafe(ref rn, offset);
        }
        var finite = Vector.EqualsAll(check, Vector<float>.Zero);
        for (; i < n; i++)
        {
            var d = subtractGlobal ? x[i] - global[i] : x[i];
            var r = sum[i] + d * weight;
            finite &= float.IsFinite(r);
            next[i] = r;
        }
        return finite;
    }
}
