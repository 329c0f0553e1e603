namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Makes <paramref name="data"/> a parameter: a leaf that requires grad (unless
        /// <paramref name="requiresGrad"/> is false), taken out of dispose scopes so that the module it is
        /// registered with owns it. Returns the same tensor object.
        /// </summary>
        /// <exception cref="ArgumentException">The tensor is the result of a recorded operation (not a leaf).</exception>
        public static Tensor Parameter(Tensor data, bool requiresGrad = true)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (!data.is_leaf)
            {
                throw new ArgumentException("A parameter must be a leaf tensor; pass data.detach() or create it under torch.no_grad().", nameof(data));
            }

            return data.requires_grad_(requiresGrad).DetachFromDisposeScope();
        }
    }
}
