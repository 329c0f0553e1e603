using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Creation, copying data in and out, metadata.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_create(int kind, long* shape, long ndim, double a, double b, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_create_like(TensorHandle src, int kind, double a, double b, int dtype, int requiresGrad);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_randperm(long n, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_eye(long n, long m, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_multinomial(TensorHandle probs, long samples, int replacement);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_bernoulli(TensorHandle probs);

    [LibraryImport(Lib)]
    internal static partial int fu_init_(TensorHandle t, int kind, double a, double b);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_tensor_from_data(void* data, long nbytes, long* shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_copy_to(TensorHandle h, void* dst, long nbytes);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_copy_from(TensorHandle h, void* src, long nbytes);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_item_double(TensorHandle h, out double value);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_item_long(TensorHandle h, out long value);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_tensor_to(TensorHandle h, int dtype, int deviceType, int deviceIndex, int copy);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_tensor_alias(TensorHandle h);

    [LibraryImport(Lib)]
    internal static partial long fu_tensor_dim(TensorHandle h);

    [LibraryImport(Lib)]
    internal static partial long fu_tensor_numel(TensorHandle h);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_dtype(TensorHandle h);

    [LibraryImport(Lib)]
    internal static partial int fu_tensor_is_contiguous(TensorHandle h);

    [LibraryImport(Lib)]
    internal static partial long fu_tensor_sizes(TensorHandle h, long* output, long capacity);

    [LibraryImport(Lib)]
    internal static partial long fu_tensor_strides(TensorHandle h, long* output, long capacity);

    [LibraryImport(Lib)]
    internal static partial void fu_tensor_device(TensorHandle h, out int type, out int index);
}
