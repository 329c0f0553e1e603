using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Autograd: gradients accumulate into <see cref="grad"/> of leaves that require grad.</summary>
public sealed partial class Tensor
{
    /// <summary>Whether operations on this tensor are recorded for differentiation.</summary>
    public bool requires_grad
    {
        get => Native.fu_requires_grad(Handle) != 0;
        set => NativeError.Check(Native.fu_set_requires_grad(Handle, Native.Flag(value)));
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor (only leaves may be changed).</summary>
    public Tensor requires_grad_(bool requiresGrad = true)
    {
        requires_grad = requiresGrad;
        return this;
    }

    /// <summary>Whether this tensor is a leaf of the graph (created by the user, not by a recorded op).</summary>
    public bool is_leaf => Native.fu_is_leaf(Handle) != 0;

    /// <summary>Whether this tensor was produced by a recorded operation.</summary>
    public bool has_grad_fn => Native.fu_has_grad_fn(Handle) != 0;

    /// <summary>
    /// The accumulated gradient (a new handle over the same storage on each read, owned by the caller
    /// or the current dispose scope), or null when none was computed; setting null clears it.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            NativeError.Check(Native.fu_grad(Handle, out var g));
            return WrapOrNull(g);
        }

        set => NativeError.Check(Native.fu_set_grad(Handle, value?.Handle ?? Native.NoTensor));
    }

    /// <summary>Clears the gradient (<paramref name="setToNone"/>, PyTorch's default) or zeroes it in place.</summary>
    public void zero_grad(bool setToNone = true)
    {
        if (setToNone)
        {
            grad = null;
            return;
        }

        using var g = grad;
        g?.zero_();
    }

    /// <summary>Back-propagates from this scalar (e.g. a loss) into the leaves' <see cref="grad"/>.</summary>
    public void backward() => NativeError.Check(Native.fu_backward(Handle, Native.NoTensor, 0, 0));

    /// <summary>Back-propagates with an explicit output gradient (for non-scalar outputs).</summary>
    /// <param name="gradient">d(loss)/d(this), same shape as this tensor; null for a scalar.</param>
    /// <param name="retainGraph">Keep the graph for another backward pass.</param>
    /// <param name="createGraph">Record the backward pass itself (higher-order gradients).</param>
    public void backward(Tensor? gradient, bool retainGraph = false, bool createGraph = false) =>
        NativeError.Check(Native.fu_backward(Handle, gradient?.Handle ?? Native.NoTensor, Native.Flag(retainGraph), Native.Flag(createGraph)));

    /// <summary>The same data, cut from the graph (never requires grad).</summary>
    public Tensor detach() => Wrap(Native.fu_detach(Handle));

    /// <summary>Makes a non-leaf keep its <see cref="grad"/> after backward.</summary>
    public Tensor retain_grad()
    {
        NativeError.Check(Native.fu_retain_grad(Handle));
        return this;
    }
}
