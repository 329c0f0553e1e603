namespace FedUnlearn.Torch.Modules;

/// <summary>max(x, 0).</summary>
public sealed class ReLU : torch.nn.Module<Tensor, Tensor>
{
    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.relu(input);
}
