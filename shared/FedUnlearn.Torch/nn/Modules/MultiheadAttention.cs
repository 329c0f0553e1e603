using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>
/// Multi-head self-attention over batch-first input [B, T, D], with the query, key, value and output
/// projections as separate <see cref="Linear"/> children named <c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>,
/// <c>out_proj</c> (so LoRA can target each one). Create with <c>torch.nn.MultiheadAttention(...)</c>.
/// </summary>
public sealed class MultiheadAttention : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Self-attention with <paramref name="numHeads"/> heads of size <paramref name="embedDim"/>/<paramref name="numHeads"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Sizes below 1, a dim not divisible by the head count, or dropout outside [0, 1).</exception>
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool hasBias = true, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(embedDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numHeads, 1);
        if (embedDim % numHeads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numHeads), numHeads, $"The embedding dim {embedDim} must be divisible by the number of heads.");
        }

        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Attention dropout must be in [0, 1).");
        }

        (embed_dim, num_heads, this.dropout) = (embedDim, numHeads, dropout);
        foreach (var name in (string[])["q_proj", "k_proj", "v_proj", "out_proj"])
        {
            register_module(name, new Linear(embedDim, embedDim, hasBias, device, dtype));
        }
    }

    /// <summary>Model width D.</summary>
    public long embed_dim { get; }

    /// <summary>Number of heads H.</summary>
    public long num_heads { get; }

    /// <summary>Dropout on the attention weights in training mode.</summary>
    public double dropout { get; }

    /// <summary>The query projection (a <see cref="Linear"/>, or a <see cref="LoRALinear"/> after injection).</summary>
    public torch.nn.Module<Tensor, Tensor> q_proj => Child<torch.nn.Module<Tensor, Tensor>>("q_proj");

    /// <summary>The key projection.</summary>
    public torch.nn.Module<Tensor, Tensor> k_proj => Child<torch.nn.Module<Tensor, Tensor>>("k_proj");

    /// <summary>The value projection.</summary>
    public torch.nn.Module<Tensor, Tensor> v_proj => Child<torch.nn.Module<Tensor, Tensor>>("v_proj");

    /// <summary>The output projection.</summary>
    public torch.nn.Module<Tensor, Tensor> out_proj => Child<torch.nn.Module<Tensor, Tensor>>("out_proj");

    /// <summary>Self-attention over [B, T, D] with every position visible.</summary>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>
    /// Self-attention over [B, T, D]. <paramref name="mask"/>: Bool (true = may attend) or float (added to
    /// the scores), broadcastable to [B, H, T, T]; e.g. a key padding mask of shape [B, 1, 1, T].
    /// </summary>
    /// <exception cref="ArgumentException">Input not of shape [B, T, embed_dim].</exception>
    public Tensor forward(Tensor input, Tensor? mask, bool isCausal = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.shape;
        if (shape.Length != 3 || shape[2] != embed_dim)
        {
            throw new ArgumentException($"Expected input [batch, tokens, {embed_dim}], got [{string.Join(", ", shape)}].", nameof(input));
        }

        var (b, t) = (shape[0], shape[1]);
        using var q = Heads(q_proj, input, b, t);
        using var k = Heads(k_proj, input, b, t);
        using var v = Heads(v_proj, input, b, t);
        using var attended = F.scaled_dot_product_attention(q, k, v, mask, training ? dropout : 0, isCausal);
        using var merged = attended.transpose(1, 2);
        using var flat = merged.reshape(b, t, embed_dim);
        return out_proj.forward(flat);
    }

    // [B, T, D] -> projection -> [B, H, T, D/H].
    private Tensor Heads(torch.nn.Module<Tensor, Tensor> projection, Tensor input, long b, long t)
    {
        using var projected = projection.forward(input);
        using var split = projected.view(b, t, num_heads, embed_dim / num_heads);
        return split.transpose(1, 2);
    }
}
