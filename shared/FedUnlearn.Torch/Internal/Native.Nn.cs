using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>Entry points used by the nn layer (native/src/nn_*.cpp).</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial int fu_nn_set_data(TensorHandle t, TensorHandle data);
}
