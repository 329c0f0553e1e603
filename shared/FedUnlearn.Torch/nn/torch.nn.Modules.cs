using M = FedUnlearn.Torch.Modules;

namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>y = x·Wᵀ + b (see <see cref="M.Linear"/>).</summary>
        public static M.Linear Linear(long inFeatures, long outFeatures, bool hasBias = true, Device? device = null, ScalarType dtype = float32) =>
            new(inFeatures, outFeatures, hasBias, device, dtype);

        /// <summary>A linear layer with a LoRA adapter over a fresh frozen base (see <see cref="M.LoRALinear"/>).</summary>
        public static M.LoRALinear LoRALinear(long inFeatures, long outFeatures, int rank, double alpha, double dropout = 0, bool hasBias = true,
            Device? device = null, ScalarType dtype = float32) =>
            new(inFeatures, outFeatures, rank, alpha, dropout, hasBias, device, dtype);

        /// <summary>2-D convolution with square kernels (see <see cref="M.Conv2d"/>).</summary>
        public static M.Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
            long groups = 1, bool hasBias = true, Device? device = null, ScalarType dtype = float32) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, hasBias, device, dtype);

        /// <summary>Layer normalisation over the last dim.</summary>
        public static M.LayerNorm LayerNorm(long normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType dtype = float32) =>
            new([normalizedShape], eps, elementwiseAffine, device, dtype);

        /// <summary>Layer normalisation over the trailing dims <paramref name="normalizedShape"/>.</summary>
        public static M.LayerNorm LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType dtype = float32) =>
            new(normalizedShape, eps, elementwiseAffine, device, dtype);

        /// <summary>A lookup table of learnable rows.</summary>
        public static M.Embedding Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, Device? device = null, ScalarType dtype = float32) =>
            new(numEmbeddings, embeddingDim, paddingIdx, device, dtype);

        /// <summary>Dropout (active in training mode only).</summary>
        public static M.Dropout Dropout(double p = 0.5) => new(p);

        /// <summary>max(x, 0).</summary>
        public static M.ReLU ReLU() => new();

        /// <summary>GELU ("none" = exact, or "tanh").</summary>
        public static M.GELU GELU(string approximate = "none") => new(approximate);

        /// <summary>Hyperbolic tangent.</summary>
        public static M.Tanh Tanh() => new();

        /// <summary>Merges dims <paramref name="startDim"/>..<paramref name="endDim"/>.</summary>
        public static M.Flatten Flatten(long startDim = 1, long endDim = -1) => new(startDim, endDim);

        /// <summary>Children run in order, named "0", "1", ...</summary>
        public static M.Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        /// <summary>Children run in order, with the given names: <c>Sequential(("fc1", fc1), ("act", act))</c>.</summary>
        public static M.Sequential Sequential((string name, Module<Tensor, Tensor> module) first, params (string name, Module<Tensor, Tensor> module)[] rest) =>
            new(first, rest);

        /// <summary>Children run in order, with the given names.</summary>
        public static M.Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> module)> modules) => new(modules);

        /// <summary>Multi-head self-attention over [B, T, D] with q_proj/k_proj/v_proj/out_proj children.</summary>
        public static M.MultiheadAttention MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool hasBias = true, Device? device = null,
            ScalarType dtype = float32) =>
            new(embedDim, numHeads, dropout, hasBias, device, dtype);

        /// <summary>A pre-LN transformer encoder block (LN → MHA → residual, LN → MLP(GELU) → residual).</summary>
        public static M.TransformerEncoderBlock TransformerEncoderBlock(long dim, long numHeads, long mlpDim, double dropout = 0, double eps = 1e-5,
            Device? device = null, ScalarType dtype = float32) =>
            new(dim, numHeads, mlpDim, dropout, eps, device, dtype);
    }
}
