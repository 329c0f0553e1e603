using System.Runtime.InteropServices;
using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Internal;

/// <summary>Optimizers (native/src/optim_*.cpp): state held natively, one call per step over all parameters.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_optim_new(int kind);

    [LibraryImport(Lib)]
    internal static partial void fu_optim_free(IntPtr state);

    [LibraryImport(Lib)]
    internal static partial int fu_optim_add(OptimizerHandle state, IntPtr* parameters, long n, int group);

    [LibraryImport(Lib)]
    internal static partial int fu_optim_step(OptimizerHandle state, OptimizerGroupArgs* groups, int nGroups);

    [LibraryImport(Lib)]
    internal static partial int fu_optim_zero_grad(OptimizerHandle state, int setToNone);

    [LibraryImport(Lib)]
    internal static partial int fu_optim_state(OptimizerHandle state, long index, int slot, out IntPtr tensor, out long step);

    [LibraryImport(Lib)]
    internal static partial int fu_optim_clip_grad_norm(OptimizerHandle state, double maxNorm, double normType, int errorIfNonfinite, out double totalNorm);

    [LibraryImport(Lib)]
    internal static partial int fu_clip_grad_norm(IntPtr* parameters, long n, double maxNorm, double normType, int errorIfNonfinite, out double totalNorm);
}
