using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>A lookup table of learnable rows, N(0, 1) initialised (the padding row zeroed). Create with <c>torch.nn.Embedding(...)</c>.</summary>
public sealed class Embedding : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A table of <paramref name="numEmbeddings"/> rows of size <paramref name="embeddingDim"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1 or a padding index outside the table.</exception>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEmbeddings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        if (paddingIdx is { } p && (p < -numEmbeddings || p >= numEmbeddings))
        {
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), p, $"Padding index must address one of the {numEmbeddings} rows.");
        }

        padding_idx = paddingIdx is { } q && q < 0 ? q + numEmbeddings : paddingIdx;
        var w = torch.empty([numEmbeddings, embeddingDim], dtype, device).normal_();
        if (padding_idx is { } row)
        {
            using var r = w.select(0, row);
            r.zero_();
        }

        register_parameter("weight", torch.nn.Parameter(w));
    }

    /// <summary>The row whose gradient is always zero (e.g. a padding token), or null.</summary>
    public long? padding_idx { get; }

    /// <summary>[num_embeddings, embedding_dim].</summary>
    public Tensor weight => Param("weight");

    /// <summary>Rows of <see cref="weight"/> picked by Int64 indices of any shape.</summary>
    public override Tensor forward(Tensor input) => F.embedding(input, weight, padding_idx);
}
