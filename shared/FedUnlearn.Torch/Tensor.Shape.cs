using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Shape changes and index-based selection. Views share storage with this tensor.</summary>
public sealed unsafe partial class Tensor
{
    /// <summary>The same elements in a new shape (a view when possible); one size may be -1.</summary>
    public Tensor reshape(params ReadOnlySpan<long> shape) => WithDims(shape, &Native.fu_reshape);

    /// <summary>A view with a new shape; fails when the strides do not allow one (use <see cref="reshape"/>).</summary>
    public Tensor view(params ReadOnlySpan<long> shape) => WithDims(shape, &Native.fu_view);

    /// <summary>The dims reordered.</summary>
    public Tensor permute(params ReadOnlySpan<long> dims) => WithDims(dims, &Native.fu_permute);

    /// <summary>A broadcast view with size-1 dims repeated (-1 keeps a size).</summary>
    public Tensor expand(params ReadOnlySpan<long> shape) => WithDims(shape, &Native.fu_expand);

    /// <summary>A broadcast view shaped like <paramref name="other"/>.</summary>
    public Tensor expand_as(Tensor other) => expand(other.shape);

    /// <summary>Tiles the data (copies) the given number of times per dim.</summary>
    public Tensor repeat(params ReadOnlySpan<long> repeats) => WithDims(repeats, &Native.fu_repeat);

    /// <summary>Reverses the order along dims.</summary>
    public Tensor flip(params ReadOnlySpan<long> dims) => WithDims(dims, &Native.fu_flip);

    /// <summary>Swaps two dims.</summary>
    public Tensor transpose(long dim0, long dim1) => Wrap(Native.fu_transpose(Handle, dim0, dim1));

    /// <summary>Transpose of a matrix (dims 0 and 1).</summary>
    public Tensor t() => transpose(0, 1);

    /// <summary>Merges dims start..end into one.</summary>
    public Tensor flatten(long startDim = 0, long endDim = -1) => Wrap(Native.fu_flatten(Handle, startDim, endDim));

    /// <summary>Removes every size-1 dim.</summary>
    public Tensor squeeze() => Wrap(Native.fu_squeeze(Handle, 0, 0));

    /// <summary>Removes one dim if its size is 1.</summary>
    public Tensor squeeze(long dim) => Wrap(Native.fu_squeeze(Handle, dim, 1));

    /// <summary>Inserts a size-1 dim.</summary>
    public Tensor unsqueeze(long dim) => Wrap(Native.fu_unsqueeze(Handle, dim));

    /// <summary>A contiguous tensor with the same values (this data when already contiguous).</summary>
    public Tensor contiguous() => Wrap(Native.fu_contiguous(Handle));

    /// <summary>A view of <paramref name="length"/> entries of a dim from <paramref name="start"/>.</summary>
    public Tensor narrow(long dim, long start, long length) => Wrap(Native.fu_narrow(Handle, dim, start, length));

    /// <summary>A view of entries start, start+step, ... before end of a dim (Python slicing; bounds are clipped).</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(Native.fu_slice(Handle, dim, start, end, step));

    /// <summary>A view of one entry of a dim, with that dim removed.</summary>
    public Tensor select(long dim, long index) => Wrap(Native.fu_select(Handle, dim, index));

    /// <summary>Entries of a dim picked by an Int64 index vector.</summary>
    public Tensor index_select(long dim, Tensor index) => WithIndex(index, static (t, i, d) => Native.fu_index_select(t, d, i), dim);

    /// <summary>out[i][j] = this[i][index[i][j]] for dim 1 (and likewise for other dims).</summary>
    public Tensor gather(long dim, Tensor index) => WithIndex(index, static (t, i, d) => Native.fu_gather(t, d, i), dim);

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor.</summary>
    public Tensor masked_select(Tensor mask) => WithIndex(mask, static (t, m, _) => Native.fu_masked_select(t, m), 0);

    /// <summary>A copy with <paramref name="src"/>'s values written at <paramref name="index"/> along a dim.</summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => Scatter(dim, index, src, add: false, inplace: false);

    /// <summary>A copy with <paramref name="src"/>'s values added at <paramref name="index"/> along a dim.</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Scatter(dim, index, src, add: true, inplace: false);

    /// <summary>In-place <see cref="scatter"/>.</summary>
    public Tensor scatter_(long dim, Tensor index, Tensor src) => Scatter(dim, index, src, add: false, inplace: true);

    /// <summary>In-place <see cref="scatter_add"/>.</summary>
    public Tensor scatter_add_(long dim, Tensor index, Tensor src) => Scatter(dim, index, src, add: true, inplace: true);

    /// <summary>this[index[i]] += alpha * src[i] along a dim, in place.</summary>
    public Tensor index_add_(long dim, Tensor index, Tensor src, double alpha = 1)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        NativeError.Check(Native.fu_index_add(Handle, dim, index.Handle, src.Handle, alpha, 1));
        return this;
    }

    /// <summary>Lower triangle (entries above diagonal <paramref name="diagonal"/> zeroed).</summary>
    public Tensor tril(long diagonal = 0) => Wrap(Native.fu_tril(Handle, diagonal, 0));

    /// <summary>Upper triangle.</summary>
    public Tensor triu(long diagonal = 0) => Wrap(Native.fu_tril(Handle, diagonal, 1));

    /// <summary>Splits a dim into pieces of <paramref name="size"/> (the last may be smaller); views.</summary>
    public Tensor[] split(long size, long dim = 0)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Split size must be positive.");
        }

        var total = this.size(dim);
        var parts = new Tensor[(total + size - 1) / size];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = narrow(dim, i * size, Math.Min(size, total - (i * size)));
        }

        return parts;
    }

    /// <summary>Splits a dim into <paramref name="chunks"/> nearly equal views (fewer when the dim is short).</summary>
    public Tensor[] chunk(long chunks, long dim = 0)
    {
        if (chunks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "Chunk count must be positive.");
        }

        return split(Math.Max(1, (size(dim) + chunks - 1) / chunks), dim);
    }

    private Tensor WithDims(ReadOnlySpan<long> dims, delegate*<TensorHandle, long*, long, IntPtr> op)
    {
        fixed (long* d = dims)
        {
            return Wrap(op(Handle, d, dims.Length));
        }
    }

    private Tensor WithIndex(Tensor index, Func<TensorHandle, TensorHandle, long, IntPtr> op, long dim)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(op(Handle, index.Handle, dim));
    }

    private Tensor Scatter(long dim, Tensor index, Tensor src, bool add, bool inplace)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(src);
        var result = NativeError.Check(Native.fu_scatter(Handle, dim, index.Handle, src.Handle, Native.Flag(add), Native.Flag(inplace)));
        return inplace ? this : new Tensor(result);
    }
}
