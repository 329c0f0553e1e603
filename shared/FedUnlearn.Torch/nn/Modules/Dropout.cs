using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>Zeroes elements with probability p and scales the rest by 1/(1−p) in training mode; the identity in eval mode.</summary>
public sealed class Dropout : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Dropout with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> outside [0, 1].</exception>
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        this.p = p;
    }

    /// <summary>The drop probability.</summary>
    public double p { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => F.dropout(input, p, training);
}
