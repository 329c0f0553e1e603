using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

public static partial class torch
{
    /// <summary>Neural-network building blocks (modules live in other files of this partial class).</summary>
    public static partial class nn
    {
        /// <summary>Stateless layers and activations, as <c>torch.nn.functional</c> in PyTorch.</summary>
        public static partial class functional
        {
            /// <summary>max(x, 0).</summary>
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>GELU: "none" (exact, erf) or "tanh" approximation.</summary>
            public static Tensor gelu(Tensor input, string approximate = "none") => approximate switch
            {
                "none" => input.gelu(),
                "tanh" => input.gelu(tanhApproximation: true),
                _ => throw new ArgumentException($"Unknown GELU approximation '{approximate}': expected 'none' or 'tanh'.", nameof(approximate)),
            };

            /// <summary>x · sigmoid(x).</summary>
            public static Tensor silu(Tensor input) => input.silu();

            /// <summary>Hyperbolic tangent.</summary>
            public static Tensor tanh(Tensor input) => input.tanh();

            /// <summary>Logistic sigmoid.</summary>
            public static Tensor sigmoid(Tensor input) => input.sigmoid();

            /// <summary>Softmax along a dim.</summary>
            public static Tensor softmax(Tensor input, long dim) => Softmax(input, dim, log: false);

            /// <summary>log(softmax) along a dim, computed stably.</summary>
            public static Tensor log_softmax(Tensor input, long dim) => Softmax(input, dim, log: true);

            /// <summary>x·Wᵀ + b with W of shape [out, in].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                return Tensor.Wrap(Native.fu_linear(input.Handle, weight.Handle, bias?.Handle ?? Native.NoTensor));
            }

            /// <summary>2-D convolution of [N, C, H, W] input with [out, C/groups, kH, kW] weights.</summary>
            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                var p = stackalloc long[] { stride, stride, padding, padding, dilation, dilation };
                return Tensor.Wrap(Native.fu_conv2d(input.Handle, weight.Handle, bias?.Handle ?? Native.NoTensor, p, groups));
            }

            /// <summary>Max pooling over square windows (stride defaults to the kernel size).</summary>
            public static Tensor max_pool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false) =>
                Pool(input, 0, kernelSize, stride ?? kernelSize, padding, ceilMode);

            /// <summary>Average pooling over square windows (padding counted as zeros, as PyTorch's default).</summary>
            public static Tensor avg_pool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false) =>
                Pool(input, 1, kernelSize, stride ?? kernelSize, padding, ceilMode);

            /// <summary>Average pooling to a fixed output size.</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, long outputHeight, long outputWidth)
            {
                ArgumentNullException.ThrowIfNull(input);
                return Tensor.Wrap(Native.fu_adaptive_avg_pool2d(input.Handle, outputHeight, outputWidth));
            }

            /// <summary>Normalises over the trailing dims <paramref name="normalizedShape"/>, then scales and shifts.</summary>
            public static unsafe Tensor layer_norm(Tensor input, ReadOnlySpan<long> normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                ArgumentNullException.ThrowIfNull(input);
                fixed (long* s = normalizedShape)
                {
                    return Tensor.Wrap(Native.fu_layer_norm(input.Handle, s, normalizedShape.Length, weight?.Handle ?? Native.NoTensor, bias?.Handle ?? Native.NoTensor, eps));
                }
            }

            /// <summary>Zeroes elements with probability p and scales the rest by 1/(1-p) when training.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                ArgumentNullException.ThrowIfNull(input);
                if (p is < 0 or > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
                }

                return Tensor.Wrap(Native.fu_dropout(input.Handle, p, Native.Flag(training)));
            }

            /// <summary>Rows of <paramref name="weight"/> picked by Int64 <paramref name="input"/> indices.</summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? paddingIdx = null)
            {
                ArgumentNullException.ThrowIfNull(input);
                ArgumentNullException.ThrowIfNull(weight);
                return Tensor.Wrap(Native.fu_embedding(weight.Handle, input.Handle, paddingIdx ?? -1));
            }

            /// <summary>Int64 class indices to one-hot Int64 rows.</summary>
            public static Tensor one_hot(Tensor input, long numClasses = -1)
            {
                ArgumentNullException.ThrowIfNull(input);
                return Tensor.Wrap(Native.fu_one_hot(input.Handle, numClasses));
            }

            /// <summary>Cosine similarity along a dim.</summary>
            public static Tensor cosine_similarity(Tensor x1, Tensor x2, long dim = 1, double eps = 1e-8)
            {
                ArgumentNullException.ThrowIfNull(x1);
                ArgumentNullException.ThrowIfNull(x2);
                return Tensor.Wrap(Native.fu_cosine_similarity(x1.Handle, x2.Handle, dim, eps));
            }

            /// <summary>x / max(‖x‖_p, eps) along a dim.</summary>
            public static Tensor normalize(Tensor input, double p = 2, long dim = 1, double eps = 1e-12)
            {
                ArgumentNullException.ThrowIfNull(input);
                using var norm = input.norm([dim], p, keepdim: true);
                using var clamped = norm.clamp_min(eps);
                return input.div(clamped);
            }

            private static Tensor Softmax(Tensor input, long dim, bool log)
            {
                ArgumentNullException.ThrowIfNull(input);
                return Tensor.Wrap(Native.fu_softmax(input.Handle, dim, Native.Flag(log)));
            }

            private static unsafe Tensor Pool(Tensor input, int kind, long kernel, long stride, long padding, bool ceilMode)
            {
                ArgumentNullException.ThrowIfNull(input);
                var p = stackalloc long[] { kernel, kernel, stride, stride, padding, padding };
                return Tensor.Wrap(Native.fu_pool2d(input.Handle, kind, p, Native.Flag(ceilMode)));
            }
        }
    }
}
