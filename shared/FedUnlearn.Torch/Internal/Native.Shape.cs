using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Views, reshapes, joins, index-based selection.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_reshape(TensorHandle t, long* shape, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_view(TensorHandle t, long* shape, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_permute(TensorHandle t, long* dims, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_expand(TensorHandle t, long* shape, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_repeat(TensorHandle t, long* repeats, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_flip(TensorHandle t, long* dims, long n);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_transpose(TensorHandle t, long d0, long d1);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_narrow(TensorHandle t, long dim, long start, long length);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_select(TensorHandle t, long dim, long index);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_unsqueeze(TensorHandle t, long dim);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_flatten(TensorHandle t, long start, long end);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_contiguous(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_clone(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_tril(TensorHandle t, long diagonal, int upper);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_slice(TensorHandle t, long dim, long start, long end, long step);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_squeeze(TensorHandle t, long dim, int hasDim);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_cat(IntPtr* tensors, long count, long dim, int stack);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_index_select(TensorHandle t, long dim, TensorHandle index);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_gather(TensorHandle t, long dim, TensorHandle index);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_masked_select(TensorHandle t, TensorHandle mask);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_scatter(TensorHandle t, long dim, TensorHandle index, TensorHandle src, int add, int inplace);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_index_add(TensorHandle t, long dim, TensorHandle index, TensorHandle src, double alpha, int inplace);
}
