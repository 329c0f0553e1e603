using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>
/// Sets libtorch's thread-local gradient mode for its lifetime and restores the previous mode on
/// dispose. Created by <c>torch.no_grad()</c>, <c>torch.enable_grad()</c> or <c>torch.set_grad_enabled(b)</c>;
/// dispose it on the thread that created it.
/// </summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool _previous;
    private bool _disposed;

    internal GradModeScope(bool enabled)
    {
        _previous = Native.fu_set_grad_enabled(Native.Flag(enabled)) != 0;
    }

    /// <summary>Restores the gradient mode that was active before this scope.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Native.fu_set_grad_enabled(Native.Flag(_previous));
    }
}
