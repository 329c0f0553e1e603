namespace FedUnlearn.Torch;

/// <summary>How a loss reduces its per-element values; the first three match libtorch's <c>at::Reduction</c>.</summary>
public enum Reduction
{
    /// <summary>No reduction: one loss per element (or per sample).</summary>
    None = 0,

    /// <summary>The mean (weighted mean for weighted losses).</summary>
    Mean = 1,

    /// <summary>The sum.</summary>
    Sum = 2,

    /// <summary>The sum divided by the batch size (dim 0); only for <c>kl_div</c>, as in PyTorch.</summary>
    BatchMean = 3,
}
