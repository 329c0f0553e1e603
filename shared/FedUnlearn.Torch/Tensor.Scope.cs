namespace FedUnlearn.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// Hands this tensor to the scope enclosing its current dispose scope (or to no scope, when
    /// there is none), so it outlives the scope it was created in. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuterDisposeScope()
    {
        _ = Handle;
        var scope = Scope;
        if (scope is null)
        {
            return this;
        }

        Scope = null;
        scope.LiveOuter()?.Attach(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: only <see cref="Dispose"/> or the GC frees it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        _ = Handle;
        Scope = null;
        return this;
    }
}
