using FedUnlearn.Torch.Internal;
using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Training utilities, as <c>torch.nn.utils</c>.</summary>
        public static partial class utils
        {
            /// <summary>
            /// Scales the gradients of <paramref name="parameters"/> in place so that their global
            /// <paramref name="norm_type"/>-norm is at most <paramref name="max_norm"/> (PyTorch 1.13's
            /// rule: factor min(1, max_norm / (norm + 1e-6))); parameters without a gradient are skipped.
            /// Returns the global norm before clipping (0 when no parameter has a gradient).
            /// </summary>
            /// <exception cref="TorchException">The norm is not finite and <paramref name="error_if_nonfinite"/> is set.</exception>
            public static unsafe double clip_grad_norm_(IReadOnlyList<Tensor> parameters, double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
            {
                ArgumentNullException.ThrowIfNull(parameters);
                ClipChecks.Check(max_norm, norm_type);
                var handles = new TensorHandles(parameters, nameof(parameters));
                try
                {
                    fixed (IntPtr* p = handles.Pointers)
                    {
                        NativeError.Check(Native.fu_clip_grad_norm(p, parameters.Count, max_norm, norm_type, Native.Flag(error_if_nonfinite), out var total));
                        return total;
                    }
                }
                finally
                {
                    handles.Release();
                }
            }
        }
    }
}
