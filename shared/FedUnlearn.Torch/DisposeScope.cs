namespace FedUnlearn.Torch;

/// <summary>
/// Disposes, when it ends, every tensor created on this thread while it was the innermost scope,
/// except tensors moved out (<see cref="Tensor.MoveToOuterDisposeScope"/>) or detached
/// (<see cref="Tensor.DetachFromDisposeScope"/>). Start one with <c>torch.NewDisposeScope()</c>
/// around loop bodies so temporaries are freed promptly. Scopes nest and are per thread: end a
/// scope on the thread that started it (no <c>await</c> inside one).
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? t_current;

    private readonly DisposeScope? _outer;
    private readonly List<Tensor> _tensors = [];
    private bool _disposed;

    internal DisposeScope()
    {
        _outer = t_current;
        t_current = this;
    }

    /// <summary>The innermost live scope of this thread, or null.</summary>
    internal static DisposeScope? Current
    {
        get
        {
            // A scope ended from another thread leaves this thread's pointer on a dead scope.
            while (t_current is { _disposed: true })
            {
                t_current = t_current._outer;
            }

            return t_current;
        }
    }

    /// <summary>Tensors this scope will dispose when it ends.</summary>
    public int Count => _tensors.Count(t => t.Scope == this && !t.IsDisposed);

    /// <summary>Moves a tensor to the enclosing scope (or to no scope at all) and returns it.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.MoveToOuterDisposeScope();
    }

    /// <summary>Disposes the tensors still owned by this scope and makes the enclosing scope current.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var tensor in _tensors)
        {
            if (tensor.Scope == this)
            {
                tensor.Scope = null;
                tensor.Dispose();
            }
        }

        _tensors.Clear();
        while (t_current is { _disposed: true })
        {
            t_current = t_current._outer;
        }
    }

    internal void Attach(Tensor tensor)
    {
        tensor.Scope = this;
        _tensors.Add(tensor);
    }

    /// <summary>The nearest enclosing scope still alive.</summary>
    internal DisposeScope? LiveOuter()
    {
        var s = _outer;
        while (s is { _disposed: true })
        {
            s = s._outer;
        }

        return s;
    }
}
