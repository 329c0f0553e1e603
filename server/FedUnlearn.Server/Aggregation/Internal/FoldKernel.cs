using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// The inner loops of FedAvg: <c>sum += w·delta</c> in place, where a delta is <c>x</c> itself or
/// <c>x − g</c> for a whole adapter, with a finiteness check of every result in the same pass.
/// </summary>
/// <remarks>
/// Finiteness rides along for free in a memory-bound loop: <c>r − r</c> is +0 (all bits clear)
/// for a finite r and NaN otherwise, and the bits are OR-ed into a mask. An OR has one cycle of
/// latency, where an add-accumulator would chain four vectors' worth of floating-point latency
/// through the loop and cap its speed below memory bandwidth; four vectors per iteration give the
/// core independent work while loads are in flight. Multiply and add are separate roundings (not
/// a fused FMA) so results are identical on every machine, with or without FMA hardware and
/// whatever the vector width. Plain stores for the sum: it must stay in cache for the next update;
/// non-temporal stores for a checkpoint (where the CPU has them): it is read back only after a
/// rejection, so it neither needs the cache nor should evict the sum from it. The variants (adapter or delta, with or without a checkpoint, onto a sum or onto nothing) are
/// one generic loop specialised by the JIT, so no flag is tested per element.
/// </remarks>
internal static class FoldKernel
{
    /// <summary>
    /// <c>sum += w·delta</c> in place: two reads and one write over the sum's own cache lines.
    /// False when a result is not finite; the whole tensor has then been written all the same.
    /// </summary>
    public static bool AddScaledInPlace(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight, Span<float> sum) =>
        subtractGlobal
            ? Fold<Yes, Yes, No, No>(x, global, weight, sum, default)
            : Fold<No, Yes, No, No>(x, global, weight, sum, default);

    /// <summary>
    /// As the in-place fold above, and also saves the values it replaces into
    /// <paramref name="before"/> (a checkpoint taken in the same pass: one more write stream).
    /// </summary>
    public static bool AddScaledInPlace(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight,
        Span<float> sum, Span<float> before)
    {
        if (before.Length < sum.Length) throw new ArgumentException("The checkpoint is shorter than the sum.", nameof(before));
        if (Avx.IsSupported && Vector<float>.Count == Vector256<float>.Count)
        {
            return subtractGlobal
                ? Fold<Yes, Yes, Yes, Yes>(x, global, weight, sum, before)
                : Fold<No, Yes, Yes, Yes>(x, global, weight, sum, before);
        }
        return subtractGlobal
            ? Fold<Yes, Yes, Yes, No>(x, global, weight, sum, before)
            : Fold<No, Yes, Yes, No>(x, global, weight, sum, before);
    }

    /// <summary>
    /// <c>sum = 0 + w·delta</c>: the first fold into a fresh sum, which it never reads, so the sum
    /// may be uninitialised memory. Bit for bit what <see cref="AddScaledInPlace(ReadOnlySpan{float}, ReadOnlySpan{float}, bool, float, Span{float})"/>
    /// gives on a zeroed sum, without zeroing it first or reading it back.
    /// </summary>
    public static bool ScaleInto(ReadOnlySpan<float> x, ReadOnlySpan<float> global, bool subtractGlobal, float weight, Span<float> sum) =>
        subtractGlobal
            ? Fold<Yes, No, No, No>(x, global, weight, sum, default)
            : Fold<No, No, No, No>(x, global, weight, sum, default);

    /// <summary><c>sum = sum / divisor + global</c> in one pass (two roundings, as two passes would give).</summary>
    public static void DivideAdd(Span<float> sum, float divisor, ReadOnlySpan<float> global)
    {
        var n = sum.Length;
        if (global.Length < n) throw new ArgumentException("The global tensor is shorter than the sum.", nameof(global));
        ref var rs = ref MemoryMarshal.GetReference(sum);
        ref var rg = ref MemoryMarshal.GetReference(global);
        var v = new Vector<float>(divisor);
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            (Vector.LoadUnsafe(ref rs, (nuint)i) / v + Vector.LoadUnsafe(ref rg, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
        for (; i < n; i++) sum[i] = sum[i] / divisor + global[i];
    }

    // TStream: the checkpoint is written with aligned non-temporal stores (AVX, 8-float vectors), after a scalar head
    // that brings its address to a 32-byte boundary; it is pinned for the call.
    private static unsafe bool Fold<TSubtract, TRead, TSave, TStream>(ReadOnlySpan<float> x, ReadOnlySpan<float> global, float weight,
        Span<float> sum, Span<float> before)
        where TSubtract : struct, IFlag where TRead : struct, IFlag where TSave : struct, IFlag where TStream : struct, IFlag
    {
        var n = sum.Length;
        if (x.Length < n || (TSubtract.Value && global.Length < n))
            throw new ArgumentException("The update is shorter than the sum.", nameof(x));
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rg = ref MemoryMarshal.GetReference(global);
        ref var rs = ref MemoryMarshal.GetReference(sum);
        var finite = true;
        fixed (float* pb = before)
        {
            var i = 0;
            if (TStream.Value)
            {
                const int Alignment = 32;
                var misalignment = (int)((nuint)pb % Alignment);
                var head = misalignment == 0 ? 0 : Math.Min(n, (Alignment - misalignment) / sizeof(float));
                for (; i < head; i++) finite &= ScalarStep<TSubtract, TRead, TSave>(x, global, weight, sum, before, i);
            }
            var w = new Vector<float>(weight);
            var mask = Vector<float>.Zero;
            var width = Vector<float>.Count;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                var o = (nuint)i;
                var r0 = Step<TSubtract, TRead, TSave, TStream>(ref rx, ref rg, ref rs, pb, o, w);
                var r1 = Step<TSubtract, TRead, TSave, TStream>(ref rx, ref rg, ref rs, pb, o + (nuint)width, w);
                var r2 = Step<TSubtract, TRead, TSave, TStream>(ref rx, ref rg, ref rs, pb, o + (nuint)(2 * width), w);
                var r3 = Step<TSubtract, TRead, TSave, TStream>(ref rx, ref rg, ref rs, pb, o + (nuint)(3 * width), w);
                mask |= (r0 - r0) | (r1 - r1) | (r2 - r2) | (r3 - r3);
            }
            for (; i <= n - width; i += width)
            {
                var r = Step<TSubtract, TRead, TSave, TStream>(ref rx, ref rg, ref rs, pb, (nuint)i, w);
                mask |= r - r;
            }
            if (TStream.Value) Sse.StoreFence();
            finite &= Vector.EqualsAll(Vector.AsVectorInt32(mask), Vector<int>.Zero);
            for (; i < n; i++) finite &= ScalarStep<TSubtract, TRead, TSave>(x, global, weight, sum, before, i);
        }
        return finite;
    }

    // One vector: r = s + d·w stored over s (s saved first when checkpointing); r is returned for the check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector<float> Step<TSubtract, TRead, TSave, TStream>(ref float rx, ref float rg, ref float rs, float* pb, nuint offset, Vector<float> w)
        where TSubtract : struct, IFlag where TRead : struct, IFlag where TSave : struct, IFlag where TStream : struct, IFlag
    {
        var d = Vector.LoadUnsafe(ref rx, offset);
        if (TSubtract.Value) d -= Vector.LoadUnsafe(ref rg, offset);
        var s = TRead.Value ? Vector.LoadUnsafe(ref rs, offset) : Vector<float>.Zero;
        if (TSave.Value)
        {
            if (TStream.Value) Avx.StoreAlignedNonTemporal(pb + offset, s.AsVector256());
            else s.Store(pb + offset);
        }
        var r = s + d * w;
        r.StoreUnsafe(ref rs, offset);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScalarStep<TSubtract, TRead, TSave>(ReadOnlySpan<float> x, ReadOnlySpan<float> global, float weight,
        Span<float> sum, Span<float> before, int i)
        where TSubtract : struct, IFlag where TRead : struct, IFlag where TSave : struct, IFlag
    {
        var d = TSubtract.Value ? x[i] - global[i] : x[i];
        var s = TRead.Value ? sum[i] : 0f;
        if (TSave.Value) before[i] = s;
        var r = s + d * weight;
        sum[i] = r;
        return float.IsFinite(r);
    }

    private interface IFlag
    {
        static abstract bool Value { get; }
    }

    private readonly struct Yes : IFlag
    {
        public static bool Value => true;
    }

    private readonly struct No : IFlag
    {
        public static bool Value => false;
    }
}
