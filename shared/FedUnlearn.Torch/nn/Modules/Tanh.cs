namespace FedUnlearn.Torch.Modules;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh : torch.nn.Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.tanh(input);
}
