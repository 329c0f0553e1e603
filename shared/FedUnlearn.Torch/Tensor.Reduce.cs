using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Reductions: over every element (0-d result) or over chosen dims (negative dims count from the end).</summary>
public sealed partial class Tensor
{
    /// <summary>Sum of every element.</summary>
    public Tensor sum() => ReduceAll(ReduceOp.Sum);

    /// <summary>Sum over one dim.</summary>
    public Tensor sum(long dim, bool keepdim = false) => Reduce(ReduceOp.Sum, [dim], keepdim);

    /// <summary>Sum over several dims.</summary>
    public Tensor sum(ReadOnlySpan<long> dims, bool keepdim = false) => Reduce(ReduceOp.Sum, dims, keepdim);

    /// <summary>Mean of every element.</summary>
    public Tensor mean() => ReduceAll(ReduceOp.Mean);

    /// <summary>Mean over one dim.</summary>
    public Tensor mean(long dim, bool keepdim = false) => Reduce(ReduceOp.Mean, [dim], keepdim);

    /// <summary>Mean over several dims.</summary>
    public Tensor mean(ReadOnlySpan<long> dims, bool keepdim = false) => Reduce(ReduceOp.Mean, dims, keepdim);

    /// <summary>Largest element.</summary>
    public Tensor max() => ReduceAll(ReduceOp.Amax);

    /// <summary>Largest values over one dim and where they are.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false) => ValuesIndices(0, dim, keepdim);

    /// <summary>Smallest element.</summary>
    public Tensor min() => ReduceAll(ReduceOp.Amin);

    /// <summary>Smallest values over one dim and where they are.</summary>
    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false) => ValuesIndices(1, dim, keepdim);

    /// <summary>Largest values over dims (gradient spread evenly over ties).</summary>
    public Tensor amax(ReadOnlySpan<long> dims, bool keepdim = false) => Reduce(ReduceOp.Amax, dims, keepdim);

    /// <summary>Smallest values over dims.</summary>
    public Tensor amin(ReadOnlySpan<long> dims, bool keepdim = false) => Reduce(ReduceOp.Amin, dims, keepdim);

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor argmax() => Wrap(Native.fu_argext(Handle, 0, 0, 0, 0));

    /// <summary>Indices of the largest values over one dim.</summary>
    public Tensor argmax(long dim, bool keepdim = false) => Wrap(Native.fu_argext(Handle, 0, dim, 1, Native.Flag(keepdim)));

    /// <summary>Index of the smallest element of the flattened tensor.</summary>
    public Tensor argmin() => Wrap(Native.fu_argext(Handle, 1, 0, 0, 0));

    /// <summary>Indices of the smallest values over one dim.</summary>
    public Tensor argmin(long dim, bool keepdim = false) => Wrap(Native.fu_argext(Handle, 1, dim, 1, Native.Flag(keepdim)));

    /// <summary>log(sum(exp(x))) over one dim, computed stably.</summary>
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce(ReduceOp.LogSumExp, [dim], keepdim);

    /// <summary>The p-norm of every element (p = 2: Euclidean).</summary>
    public Tensor norm(double p = 2) => ReduceAll(ReduceOp.Norm, p);

    /// <summary>The p-norm over dims.</summary>
    public Tensor norm(ReadOnlySpan<long> dims, double p = 2, bool keepdim = false) => Reduce(ReduceOp.Norm, dims, keepdim, p);

    /// <summary>Variance of every element (Bessel-corrected when <paramref name="unbiased"/>).</summary>
    public Tensor var(bool unbiased = true) => ReduceAll(ReduceOp.Var, unbiased ? 1 : 0);

    /// <summary>Variance over dims.</summary>
    public Tensor var(ReadOnlySpan<long> dims, bool unbiased = true, bool keepdim = false) => Reduce(ReduceOp.Var, dims, keepdim, unbiased ? 1 : 0);

    /// <summary>Standard deviation of every element.</summary>
    public Tensor std(bool unbiased = true) => ReduceAll(ReduceOp.Std, unbiased ? 1 : 0);

    /// <summary>Standard deviation over dims.</summary>
    public Tensor std(ReadOnlySpan<long> dims, bool unbiased = true, bool keepdim = false) => Reduce(ReduceOp.Std, dims, keepdim, unbiased ? 1 : 0);

    /// <summary>Product of every element.</summary>
    public Tensor prod() => ReduceAll(ReduceOp.Prod);

    /// <summary>Whether every element is non-zero (Bool 0-d).</summary>
    public Tensor all() => ReduceAll(ReduceOp.All);

    /// <summary>Whether every element along a dim is non-zero.</summary>
    public Tensor all(long dim, bool keepdim = false) => Reduce(ReduceOp.All, [dim], keepdim);

    /// <summary>Whether any element is non-zero (Bool 0-d).</summary>
    public Tensor any() => ReduceAll(ReduceOp.Any);

    /// <summary>Whether any element along a dim is non-zero.</summary>
    public Tensor any(long dim, bool keepdim = false) => Reduce(ReduceOp.Any, [dim], keepdim);

    /// <summary>Running sum along a dim.</summary>
    public Tensor cumsum(long dim) => Wrap(Native.fu_cumsum(Handle, dim));

    /// <summary>The k largest (or smallest) values along a dim, sorted, and their indices.</summary>
    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true)
    {
        NativeError.Check(Native.fu_topk(Handle, k, dim, Native.Flag(largest), out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }

    /// <summary>Values sorted along a dim, and the permutation that sorts them.</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false) => ValuesIndices(2, dim, descending);

    /// <summary>Median values along a dim (the lower one for even counts) and their indices.</summary>
    public (Tensor values, Tensor indices) median(long dim, bool keepdim = false) => ValuesIndices(3, dim, keepdim);

    private Tensor ReduceAll(ReduceOp op, double p = 0) => Reduce(op, default, keepdim: false, p, all: true);

    private unsafe Tensor Reduce(ReduceOp op, ReadOnlySpan<long> dims, bool keepdim, double p = 0, bool all = false)
    {
        fixed (long* d = dims)
        {
            return Wrap(Native.fu_reduce(Handle, (int)op, d, all ? -1 : dims.Length, Native.Flag(keepdim), p));
        }
    }

    private (Tensor values, Tensor indices) ValuesIndices(int kind, long dim, bool flag)
    {
        NativeError.Check(Native.fu_values_indices(Handle, kind, dim, Native.Flag(flag), out var values, out var indices));
        return (new Tensor(values), new Tensor(indices));
    }
}
