namespace FedUnlearn.Torch.Modules;

/// <summary>Merges dims <c>start_dim..end_dim</c> (by default all but the batch dim).</summary>
public sealed class Flatten : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Flattens dims <paramref name="startDim"/> to <paramref name="endDim"/>.</summary>
    public Flatten(long startDim = 1, long endDim = -1) => (start_dim, end_dim) = (startDim, endDim);

    /// <summary>First merged dim.</summary>
    public long start_dim { get; }

    /// <summary>Last merged dim.</summary>
    public long end_dim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}
