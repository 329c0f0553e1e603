using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Cross-entropy of [N, C] (or [N, C, ...]) logits against Int64 class targets (or class
            /// probabilities of the logits' shape), with optional class weights and label smoothing.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100,
                Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                if (labelSmoothing is < 0 or > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1].");
                }

                return Tensor.Wrap(Native.fu_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? Native.NoTensor,
                    Plain(reduction), ignoreIndex, labelSmoothing));
            }

            /// <summary>Negative log-likelihood of log-probabilities against Int64 class targets.</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                return Tensor.Wrap(Native.fu_nll_loss(input.Handle, target.Handle, weight?.Handle ?? Native.NoTensor, Plain(reduction), ignoreIndex));
            }

            /// <summary>Mean squared error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => PairLoss(input, target, 0, reduction, false);

            /// <summary>Mean absolute error.</summary>
            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => PairLoss(input, target, 1, reduction, false);

            /// <summary>
            /// KL(target ‖ input) with <paramref name="input"/> as log-probabilities; <paramref name="target"/> is
            /// probabilities, or log-probabilities when <paramref name="logTarget"/>. Use <see cref="Reduction.BatchMean"/>
            /// for the true KL divergence per sample (PyTorch's "mean" divides by the element count).
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
            {
                if (reduction != Reduction.BatchMean)
                {
                    return PairLoss(input, target, 2, reduction, logTarget);
                }

                using var sum = PairLoss(input, target, 2, Reduction.Sum, logTarget);
                return input.dim() == 0 ? sum.alias() : sum.div(input.size(0));
            }

            /// <summary>Binary cross-entropy on logits (numerically stable sigmoid + BCE).</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                PairLoss(input, target, 3, reduction, false);

            /// <summary>
            /// softmax(q·kᵀ·scale + mask)·v over the last two dims ([..., L, E] queries, [..., S, E] keys,
            /// [..., S, Ev] values). <paramref name="attnMask"/>: Bool (true = may attend) or float (added to the
            /// scores), broadcastable to [..., L, S]. <paramref name="scale"/> defaults to 1/sqrt(E).
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
                double dropoutP = 0, bool isCausal = false, double? scale = null)
            {
                ArgumentNullException.ThrowIfNull(query);
                ArgumentNullException.ThrowIfNull(key);
                ArgumentNullException.ThrowIfNull(value);
                if (dropoutP is < 0 or >= 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(dropoutP), dropoutP, "Attention dropout must be in [0, 1).");
                }

                if (scale is <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(scale), scale, "Attention scale must be positive.");
                }

                return Tensor.Wrap(Native.fu_sdpa(query.Handle, key.Handle, value.Handle, attnMask?.Handle ?? Native.NoTensor,
                    dropoutP, Native.Flag(isCausal), scale ?? 0));
            }

            private static long Plain(Reduction reduction) => reduction switch
            {
                Reduction.None or Reduction.Mean or Reduction.Sum => (long)reduction,
                _ => throw new ArgumentException($"Reduction {reduction} is only valid for kl_div.", nameof(reduction)),
            };

            private static Tensor PairLoss(Tensor input, Tensor target, int kind, Reduction reduction, bool flag)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(target);
                return Tensor.Wrap(Native.fu_pair_loss(input.Handle, target.Handle, kind, Plain(reduction), Native.Flag(flag)));
            }
        }
    }
}
