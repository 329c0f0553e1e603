namespace FedUnlearn.Torch.Modules;

/// <summary>GELU, exact ("none", erf) or with the "tanh" approximation.</summary>
public sealed class GELU : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A GELU activation.</summary>
    /// <exception cref="ArgumentException">An approximation other than "none" or "tanh".</exception>
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException($"Unknown GELU approximation '{approximate}': expected 'none' or 'tanh'.", nameof(approximate));
        }

        this.approximate = approximate;
    }

    /// <summary>"none" or "tanh".</summary>
    public string approximate { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.gelu(input, approximate);
}
