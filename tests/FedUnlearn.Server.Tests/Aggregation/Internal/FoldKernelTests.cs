using System.Numerics;
using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Tests.Aggregation.Internal;

public class FoldKernelTests
{
    // d·w = 1 + 2⁻¹¹ + 2⁻²⁴ exactly; rounded to float it loses the 2⁻²⁴, which a fused
    // multiply-add would keep: s + d·w is then 0 with two roundings and 2⁻²⁴ with one.
    private const float D = 1 + 1f / 4096, W = 1 + 1f / 4096, S = -(1 + 1f / 2048);

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(45)]
    public void AddScaledInPlace_ProductRoundedBeforeTheSum_NotFused(int length)
    {
        var sum = Enumerable.Repeat(S, length).ToArray();
        var saved = new float[length];

        var finite = FoldKernel.AddScaledInPlace(Enumerable.Repeat(D, length).ToArray(), [], false, W, sum, saved);

        Assert.True(finite);
        Assert.NotEqual(0f, MathF.FusedMultiplyAdd(D, W, S));
        Assert.All(sum, v => Assert.Equal(0f, v));
        Assert.All(saved, v => Assert.Equal(S, v));
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(8, float.PositiveInfinity)]
    [InlineData(36, 3e38f)]
    public void AddScaledInPlace_NonFiniteResultInLaneOrTail_ReportedAfterWritingTheWholeTensor(int index, float bad)
    {
        var x = Enumerable.Range(0, 37).Select(i => (float)i).ToArray();
        x[index] = bad;
        var sum = new float[37];

        var finite = FoldKernel.AddScaledInPlace(x, [], false, 2f, sum);

        Assert.False(finite);
        Assert.False(float.IsFinite(sum[index]));
        Assert.All(Enumerable.Range(0, 37).Where(j => j != index), j => Assert.Equal(2f * j, sum[j]));
    }

    // Five vectors and a tail: the four-vector loop, the single-vector loop and the scalar tail each hold one bad value in turn.
    public static TheoryData<int> EveryLoopPart => new() { 1, 4 * Vector<float>.Count - 1, 4 * Vector<float>.Count + 2, 5 * Vector<float>.Count + 1 };

    [Theory]
    [MemberData(nameof(EveryLoopPart))]
    public void AddScaledInPlace_NonFiniteInAnyLoopPart_ReportedWithCheckpointAndWithout(int index)
    {
        var n = 5 * Vector<float>.Count + 3;
        var x = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        x[index] = float.NegativeInfinity;
        var (plain, checkpointed, saved) = (Enumerable.Repeat(1f, n).ToArray(), Enumerable.Repeat(1f, n).ToArray(), new float[n]);

        Assert.False(FoldKernel.AddScaledInPlace(x, [], false, 0.5f, plain));
        Assert.False(FoldKernel.AddScaledInPlace(x, [], false, 0.5f, checkpointed, saved));
        Assert.False(FoldKernel.ScaleInto(x, [], false, 0.5f, new float[n]));

        Assert.All(Enumerable.Range(0, n).Where(j => j != index), j => Assert.Equal(1 + 0.5f * j, plain[j]));
        Assert.Equal(plain, checkpointed);
        Assert.All(saved, v => Assert.Equal(1f, v));
    }

    // The checkpoint may be written with aligned streaming stores after a scalar head: every start address is covered.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void AddScaledInPlace_CheckpointAtAnyAlignment_SavesEveryValueAndFoldsLikeTheScalarLoop(int offset)
    {
        var n = 9 * Vector<float>.Count + 5;
        var x = Enumerable.Range(0, n).Select(i => i * 0.25f - 3).ToArray();
        var start = Enumerable.Range(0, n).Select(i => 1000f - i).ToArray();
        var sum = (float[])start.Clone();
        var checkpoint = new float[n + 8];

        Assert.True(FoldKernel.AddScaledInPlace(x, [], false, 3f, sum, checkpoint.AsSpan(offset, n)));

        Assert.Equal(start, checkpoint.AsSpan(offset, n).ToArray());
        Assert.Equal(start.Zip(x, (s, d) => s + d * 3f), sum);
        Assert.All(checkpoint.AsSpan(0, offset).ToArray().Concat(checkpoint.AsSpan(offset + n).ToArray()), v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScaleInto_UninitialisedSum_BitIdenticalToFoldingIntoZeros(bool adapter)
    {
        var n = 5 * Vector<float>.Count + 3;
        var random = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var global = adapter ? Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray() : [];
        x[0] = -0f;
        if (adapter) global[0] = 0f;
        var zeros = new float[n];
        var garbage = Enumerable.Repeat(float.NaN, n).ToArray();

        Assert.True(FoldKernel.AddScaledInPlace(x, global, adapter, 3.7f, zeros));
        Assert.True(FoldKernel.ScaleInto(x, global, adapter, 3.7f, garbage));

        Assert.Equal(zeros.Select(BitConverter.SingleToInt32Bits), garbage.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void AddScaledInPlace_AdapterUpdate_SubtractsTheGlobalFirst()
    {
        float[] sum = [1, 1, 1];

        Assert.True(FoldKernel.AddScaledInPlace([5, 6, 7], [1, 2, 3], true, 0.5f, sum));

        Assert.Equal([3f, 3f, 3f], sum);
    }

    [Fact]
    public void DivideAdd_DividesThenAddsTheGlobal()
    {
        var sum = Enumerable.Range(0, 19).Select(i => (float)(3 * i)).ToArray();
        var global = Enumerable.Repeat(0.5f, 19).ToArray();

        FoldKernel.DivideAdd(sum, 3, global);

        Assert.Equal(Enumerable.Range(0, 19).Select(i => i + 0.5f), sum);
    }
}
