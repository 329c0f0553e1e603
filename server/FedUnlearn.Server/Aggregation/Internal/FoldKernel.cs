using System.Numerics;
using System.Runtime.InteropServices;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// The inner loops of FedAvg: <c>sum += w·delta</c> in place, where a delta is <c>x</c> itself or
/// <c>x − g</c> for a whole adapter, with a finiteness check of every result in the same pass.
/// </summary>
/// <remarks>
/// Finiteness rides along for free in a memory-bound loop: <c>r − r</c> is 0 for a finite r and
/// NaN otherwise, and NaN sticks in the accumulator. Multiply and add are separate roundings (not a
/// fused FMA) so results are identical on every machine, with or without FMA hardware and
/// whatever the vector width. Plain stores: the running sum must stay in cache for the next update.
/// </remarks>
internal static class FoldKernel
{
    /// <summary>
    /// <c>sum += w·delta</c> in place: two reads and one write over the sum's own cache lines.
    /// False when a result is not finite; the whole tensor has then been written all the same.
    /// </summary>
    public static bool AddScaledInPlace(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight, Span<float> sum)
    {
        var n = sum.Length;
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rg = ref MemoryMarshal.GetReference(global);
        ref var rs = ref MemoryMarshal.GetReference(sum);
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
            r.StoreUnsafe(ref rs, offset);
        }
        var finite = Vector.EqualsAll(check, Vector<float>.Zero);
        for (; i < n; i++)
        {
            var d = subtractGlobal ? x[i] - global[i] : x[i];
            var r = sum[i] + d * weight;
            finite &= float.IsFinite(r);
            sum[i] = r;
        }
        return finite;
    }

    /// <summary>
    /// As the in-place fold above, and also saves the values it replaces into
    /// <paramref name="before"/> (a checkpoint taken in the same pass: one more write stream).
    /// </summary>
    public static bool AddScaledInPlace(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight,
        Span<float> sum, Span<float> before)
    {
        var n = sum.Length;
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rg = ref MemoryMarshal.GetReference(global);
        ref var rs = ref MemoryMarshal.GetReference(sum);
        ref var rb = ref MemoryMarshal.GetReference(before);
        var w = new Vector<float>(weight);
        var check = Vector<float>.Zero;
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var offset = (nuint)i;
            var d = Vector.LoadUnsafe(ref rx, offset);
            if (subtractGlobal) d -= Vector.LoadUnsafe(ref rg, offset);
            var s = Vector.LoadUnsafe(ref rs, offset);
            var r = s + d * w;
            check += r - r;
            s.StoreUnsafe(ref rb, offset);
            r.StoreUnsafe(ref rs, offset);
        }
        var finite = Vector.EqualsAll(check, Vector<float>.Zero);
        for (; i < n; i++)
        {
            var d = subtractGlobal ? x[i] - global[i] : x[i];
            var r = sum[i] + d * weight;
            finite &= float.IsFinite(r);
            before[i] = sum[i];
            sum[i] = r;
        }
        return finite;
    }

    /// <summary><c>sum = sum / divisor + global</c> in one pass (two roundings, as two passes would give).</summary>
    public static void DivideAdd(Span<float> sum, float divisor, ReadOnlySpan<float> global)
    {
        var n = sum.Length;
        ref var rs = ref MemoryMarshal.GetReference(sum);
        ref var rg = ref MemoryMarshal.GetReference(global);
        var v = new Vector<float>(divisor);
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            (Vector.LoadUnsafe(ref rs, (nuint)i) / v + Vector.LoadUnsafe(ref rg, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        for (; i < n; i++) sum[i] = sum[i] / divisor + global[i];
    }
}
