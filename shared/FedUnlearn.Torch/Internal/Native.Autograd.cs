using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Autograd: grad mode, backward, .grad, requires_grad, autograd.grad.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial int fu_grad_enabled();

    [LibraryImport(Lib)]
    internal static partial int fu_set_grad_enabled(int enabled);

    [LibraryImport(Lib)]
    internal static partial int fu_requires_grad(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial int fu_set_requires_grad(TensorHandle t, int value);

    [LibraryImport(Lib)]
    internal static partial int fu_is_leaf(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial int fu_has_grad_fn(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_detach(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial int fu_retain_grad(TensorHandle t);

    [LibraryImport(Lib)]
    internal static partial int fu_backward(TensorHandle t, TensorHandle gradient, int retainGraph, int createGraph);

    [LibraryImport(Lib)]
    internal static partial int fu_grad(TensorHandle t, out IntPtr grad);

    [LibraryImport(Lib)]
    internal static partial int fu_set_grad(TensorHandle t, TensorHandle grad);

    [LibraryImport(Lib)]
    internal static partial int fu_autograd_grad(IntPtr* outputs, IntPtr* gradOutputs, long nOut, IntPtr* inputs, long nIn, int retainGraph, int createGraph, int allowUnused, IntPtr* results);
}
