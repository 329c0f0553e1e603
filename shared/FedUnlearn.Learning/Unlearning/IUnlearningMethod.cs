namespace FedUnlearn.Learning.Unlearning;

/// <summary>
/// One way of removing the influence of a forget set from a model's LoRA adapter, run locally on a
/// client. Create methods by name through <see cref="MethodRegistry"/> (options parsed and validated
/// there) and run them through <see cref="UnlearningRunner"/>, which checks the inputs, snapshots the
/// adapter, calls <see cref="Apply"/>, restores the adapter if anything fails, and exports the result.
/// </summary>
public interface IUnlearningMethod
{
    /// <summary>The registry name, e.g. <c>nabla-tau</c>.</summary>
    string Name { get; }

    /// <summary>The data this method needs besides the forget set (checked by the runner before <see cref="Apply"/>).</summary>
    UnlearningRequirements Requirements { get; }

    /// <summary>
    /// Corrects <see cref="UnlearningContext.Model"/>'s adapter in place. The inputs are already checked
    /// (non-empty forget set unless <see cref="UnlearningContext.RetainOnly"/>, data that fits the model,
    /// the data <see cref="Requirements"/> names), and the runner restores the adapter if this throws,
    /// so an implementation only has to do its work. Synchronous and thread-bound (libtorch scopes are
    /// per thread).
    /// </summary>
    UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken);
}
