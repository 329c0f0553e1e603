namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place initialisers (not recorded by autograd), as <c>torch.nn.init</c>.</summary>
        public static class init
        {
            /// <summary>
            /// He/Kaiming uniform for a leaky-ReLU gain with negative slope <paramref name="a"/>: U(−b, b) with
            /// b = gain·√(3 / fan_in), gain = √(2 / (1 + a²)). With a = √5 (PyTorch's Linear/Conv default) b = 1/√fan_in.
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                var gain = Math.Sqrt(2.0 / (1 + (a * a)));
                var bound = gain * Math.Sqrt(3.0 / FanIn(tensor));
                return tensor.uniform_(-bound, bound);
            }

            /// <summary>U(<paramref name="from"/>, <paramref name="to"/>).</summary>
            public static Tensor uniform_(Tensor tensor, double from = 0, double to = 1)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor.uniform_(from, to);
            }

            /// <summary>N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor.normal_(mean, std);
            }

            /// <summary>Zeros.</summary>
            public static Tensor zeros_(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor.zero_();
            }

            /// <summary>Ones.</summary>
            public static Tensor ones_(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return tensor.fill_(1);
            }

            /// <summary>
            /// Inputs feeding one output: size(1) times the receptive field (the product of dims 2..),
            /// as PyTorch's <c>_calculate_fan_in_and_fan_out</c>.
            /// </summary>
            /// <exception cref="ArgumentException">Fewer than two dims.</exception>
            public static long FanIn(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                var shape = tensor.shape;
                if (shape.Length < 2)
                {
                    throw new ArgumentException($"Fan-in needs a tensor with at least 2 dims, got shape [{string.Join(", ", shape)}].", nameof(tensor));
                }

                var receptive = shape.Skip(2).Aggregate(1L, (x, y) => x * y);
                return shape[1] * receptive;
            }
        }
    }
}
