using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Elementwise math, in-place updates, matmul, reductions.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_unary(TensorHandle t, int op);

    [LibraryImport(Lib)]
    internal static partial int fu_unary_(TensorHandle t, int op);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_binary(TensorHandle a, TensorHandle b, int op, double alpha);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_binary_scalar(TensorHandle a, double s, long i, int isInt, int op);

    [LibraryImport(Lib)]
    internal static partial int fu_binary_(TensorHandle a, TensorHandle b, int op, double alpha);

    [LibraryImport(Lib)]
    internal static partial int fu_binary_scalar_(TensorHandle a, double s, long i, int isInt, int op);

    [LibraryImport(Lib)]
    internal static partial int fu_copy_(TensorHandle dst, TensorHandle src);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_addc(TensorHandle self, TensorHandle t1, TensorHandle t2, double value, int kind, int inplace);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_lerp(TensorHandle self, TensorHandle end, TensorHandle weightTensor, double weight, int inplace);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_clamp(TensorHandle t, double min, int hasMin, double max, int hasMax, int inplace);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_where(TensorHandle cond, TensorHandle a, TensorHandle b);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_masked_fill(TensorHandle t, TensorHandle mask, double value, int inplace);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_matmul(TensorHandle a, TensorHandle b, int kind);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_reduce(TensorHandle t, int op, long* dims, long ndim, int keepdim, double p);

    [LibraryImport(Lib)]
    internal static partial int fu_values_indices(TensorHandle t, int kind, long dim, int flag, out IntPtr values, out IntPtr indices);

    [LibraryImport(Lib)]
    internal static partial int fu_topk(TensorHandle t, long k, long dim, int largest, out IntPtr values, out IntPtr indices);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_argext(TensorHandle t, int kind, long dim, int hasDim, int keepdim);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_cumsum(TensorHandle t, long dim);
}
