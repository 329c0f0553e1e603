namespace FedUnlearn.Torch.Internal;

/// <summary>
/// Raw pointers of several tensors for one native call, each handle ref-counted (DangerousAddRef)
/// until <see cref="Release"/> so that a concurrent Dispose cannot free one mid-call.
/// </summary>
internal readonly struct TensorHandles
{
    private readonly TensorHandle?[] _handles;

    internal TensorHandles(IReadOnlyList<Tensor?> tensors, string paramName, bool allowNull = false)
    {
        Pointers = new IntPtr[tensors.Count];
        _handles = new TensorHandle?[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                var t = tensors[i];
                if (t is null)
                {
                    if (!allowNull)
                    {
                        throw new ArgumentException($"Element {i} is null.", paramName);
                    }

                    continue;
                }

                var h = t.Handle;
                var added = false;
                h.DangerousAddRef(ref added);
                _handles[i] = h;
                Pointers[i] = h.DangerousGetHandle();
            }
        }
        catch
        {
            Release();
            throw;
        }
    }

    internal IntPtr[] Pointers { get; } = [];

    /// <summary>Releases the references taken; a no-op on a default instance.</summary>
    internal void Release()
    {
        if (_handles is null)
        {
            return;
        }

        foreach (var h in _handles)
        {
            h?.DangerousRelease();
        }
    }
}
