using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Batch normalisation over dim 1 of [N, C, ...] input. When <paramref name="training"/>, batch statistics are
            /// used and the running ones (if given) are updated in place with <paramref name="momentum"/>; otherwise the
            /// running statistics are used.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                if (!training && (runningMean is null || runningVar is null))
                {
                    throw new ArgumentException("batch_norm in evaluation mode needs the running mean and variance.");
                }

                return Tensor.Wrap(Native.fu_batch_norm(input.Handle, weight?.Handle ?? Native.NoTensor, bias?.Handle ?? Native.NoTensor,
                    runningMean?.Handle ?? Native.NoTensor, runningVar?.Handle ?? Native.NoTensor, Native.Flag(training), momentum, eps));
            }

            /// <summary>Group normalisation: dim 1 of [N, C, ...] split into <paramref name="numGroups"/> groups.</summary>
            public static Tensor group_norm(Tensor input, long numGroups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                return Tensor.Wrap(Native.fu_group_norm(input.Handle, numGroups, weight?.Handle ?? Native.NoTensor, bias?.Handle ?? Native.NoTensor, eps));
            }
        }
    }
}
