using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>
/// A pre-LN transformer encoder block over [B, T, D], as in ViT:
/// x + attn(norm1(x)), then x + fc2(GELU(fc1(norm2(x)))), with dropout on each residual branch in training.
/// Children: <c>norm1</c>, <c>attn</c> (<see cref="MultiheadAttention"/>), <c>norm2</c>, <c>fc1</c>, <c>fc2</c>.
/// </summary>
public sealed class TransformerEncoderBlock : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A block of width <paramref name="dim"/> with an MLP of width <paramref name="mlpDim"/>.</summary>
    public TransformerEncoderBlock(long dim, long numHeads, long mlpDim, double dropout = 0, double eps = 1e-5, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mlpDim, 1);
        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        }

        this.dropout = dropout;
        register_module("norm1", new LayerNorm([dim], eps, true, device, dtype));
        register_module("attn", new MultiheadAttention(dim, numHeads, dropout, true, device, dtype));
        register_module("norm2", new LayerNorm([dim], eps, true, device, dtype));
        register_module("fc1", new Linear(dim, mlpDim, true, device, dtype));
        register_module("fc2", new Linear(mlpDim, dim, true, device, dtype));
    }

    /// <summary>Dropout on the residual branches (and attention weights) in training mode.</summary>
    public double dropout { get; }

    /// <summary>The attention sub-layer.</summary>
    public MultiheadAttention attn => Child<MultiheadAttention>("attn");

    /// <summary>The first MLP linear (a <see cref="LoRALinear"/> after injection).</summary>
    public torch.nn.Module<Tensor, Tensor> fc1 => Child<torch.nn.Module<Tensor, Tensor>>("fc1");

    /// <summary>The second MLP linear.</summary>
    public torch.nn.Module<Tensor, Tensor> fc2 => Child<torch.nn.Module<Tensor, Tensor>>("fc2");

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>The block with an attention mask (see <see cref="MultiheadAttention.forward(Tensor, Tensor?, bool)"/>).</summary>
    public Tensor forward(Tensor input, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var h1 = Child<LayerNorm>("norm1").forward(input);
        using var a = attn.forward(h1, mask);
        using var ad = F.dropout(a, dropout, training);
        using var x = input.add(ad);
        using var h2 = Child<LayerNorm>("norm2").forward(x);
        using var m1 = fc1.forward(h2);
        using var g = F.gelu(m1);
        using var m2 = fc2.forward(g);
        using var md = F.dropout(m2, dropout, training);
        return x.add(md);
    }
}
