using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Internal;

/// <summary>torch.nn.functional: layers, activations over a dim, losses, attention.</summary>
internal static unsafe partial class Native
{
    [LibraryImport(Lib)]
    internal static partial IntPtr fu_linear(TensorHandle x, TensorHandle w, TensorHandle b);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_conv2d(TensorHandle x, TensorHandle w, TensorHandle b, long* parameters, long groups);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_pool2d(TensorHandle x, int kind, long* parameters, int ceilMode);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_adaptive_avg_pool2d(TensorHandle x, long h, long w);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_layer_norm(TensorHandle x, long* shape, long n, TensorHandle w, TensorHandle b, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_dropout(TensorHandle x, double p, int train);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_embedding(TensorHandle weight, TensorHandle indices, long paddingIdx);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_one_hot(TensorHandle t, long classes);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_softmax(TensorHandle x, long dim, int log);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_cosine_similarity(TensorHandle a, TensorHandle b, long dim, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_nll_loss(TensorHandle logp, TensorHandle target, TensorHandle weight, long reduction, long ignoreIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_pair_loss(TensorHandle input, TensorHandle target, int kind, long reduction, int flag);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_sdpa(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle mask, double dropoutP, int isCausal, double scale);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_batch_norm(TensorHandle x, TensorHandle w, TensorHandle b, TensorHandle runningMean, TensorHandle runningVar, int training, double momentum, double eps);

    [LibraryImport(Lib)]
    internal static partial IntPtr fu_group_norm(TensorHandle x, long groups, TensorHandle w, TensorHandle b, double eps);
}
