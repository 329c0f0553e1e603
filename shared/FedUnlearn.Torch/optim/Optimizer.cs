using FedUnlearn.Torch.Internal;
using FedUnlearn.Torch.Optim.Internal;

namespace FedUnlearn.Torch.Optim;

/// <summary>
/// Base of the optimizers, shaped like PyTorch's <c>torch.optim.Optimizer</c>: parameter groups,
/// <see cref="step"/>, <see cref="zero_grad"/> and per-parameter state. The parameters and their
/// state live in one native object, so a step is a single call into libtorch whatever the number of
/// parameters, and allocates nothing managed. Parameters whose gradient is null are skipped, as in PyTorch.
/// Dispose it to free the state (moments, momentum buffers) promptly. As in PyTorch, create the
/// optimizer after moving a model to its dtype and device: it keeps references to the parameter
/// tensors it was given (so they stay alive until it is disposed).
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    private readonly OptimizerHandle _native;
    private readonly List<ParamGroup> _groups = [];
    private readonly List<Tensor> _parameters = [];
    private OptimizerGroupArgs[] _args = [];

    private protected Optimizer(OptimizerKind kind, IEnumerable<ParamGroup> groups, double lr, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(groups);
        DefaultLearningRate = lr;
        DefaultWeightDecay = weightDecay;
        _native = new OptimizerHandle(NativeError.Check(Native.fu_optim_new((int)kind)));
        try
        {
            foreach (var group in groups)
            {
                add_param_group(group);
            }

            if (_parameters.Count == 0)
            {
                throw new ArgumentException("The optimizer got an empty parameter list.", nameof(groups));
            }
        }
        catch
        {
            _native.Dispose();
            throw;
        }
    }

    /// <summary>The parameter groups, in the order they were added.</summary>
    public IReadOnlyList<ParamGroup> param_groups => _groups;

    /// <summary>The learning rate given to groups that set none.</summary>
    public double DefaultLearningRate { get; }

    /// <summary>The weight decay given to groups that set none.</summary>
    public double DefaultWeightDecay { get; }

    internal OptimizerHandle NativeState => _native;

    /// <summary>Adds a group (PyTorch's <c>add_param_group</c>); a parameter may belong to one group only.</summary>
    /// <exception cref="ArgumentException">The group is empty, holds a non-leaf tensor, or repeats a parameter.</exception>
    public unsafe void add_param_group(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (_groups.Contains(group))
        {
            throw new ArgumentException("This parameter group was already added.", nameof(group));
        }

        CheckParameters(group.Parameters);
        group.ApplyDefaults(DefaultLearningRate, DefaultWeightDecay);
        var count = group.Parameters.Count;
        var handles = new TensorHandles(group.Parameters, nameof(group));
        try
        {
            fixed (IntPtr* p = handles.Pointers)
            {
                NativeError.Check(Native.fu_optim_add(_native, p, count, _groups.Count));
            }
        }
        finally
        {
            handles.Release();
        }

        _groups.Add(group);
        _parameters.AddRange(group.Parameters);
        _args = new OptimizerGroupArgs[_groups.Count];
    }

    /// <summary>Updates every parameter that has a gradient, once.</summary>
    public unsafe void step()
    {
        for (var i = 0; i < _groups.Count; i++)
        {
            var g = _groups[i];
            _args[i] = new OptimizerGroupArgs { LearningRate = g.LearningRate, WeightDecay = g.WeightDecay };
            FillArgs(ref _args[i]);
        }

        fixed (OptimizerGroupArgs* a = _args)
        {
            NativeError.Check(Native.fu_optim_step(_native, a, _groups.Count));
        }
    }

    /// <summary>Clears the gradients of every parameter: drops them (<paramref name="set_to_none"/>, PyTorch's default) or zeroes them.</summary>
    public void zero_grad(bool set_to_none = true) =>
        NativeError.Check(Native.fu_optim_zero_grad(_native, Native.Flag(set_to_none)));

    /// <summary>Frees the native state; the parameters themselves are not touched.</summary>
    public void Dispose()
    {
        _native.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sets the optimizer-specific fields (betas, momentum, flags) of a group's step arguments.</summary>
    private protected abstract void FillArgs(ref OptimizerGroupArgs args);

    private void CheckParameters(IReadOnlyList<Tensor> parameters)
    {
        if (parameters.Count == 0)
        {
            throw new ArgumentException("A parameter group must hold at least one tensor.", nameof(parameters));
        }

        foreach (var (p, i) in parameters.Select((p, i) => (p, i)))
        {
            ArgumentNullException.ThrowIfNull(p, $"{nameof(parameters)}[{i}]");
            if (!p.is_leaf)
            {
                throw new ArgumentException($"Parameter {i} is not a leaf tensor: an optimizer can only update leaves (detach it or create it with requires_grad).", nameof(parameters));
            }

            if (_parameters.Contains(p) || parameters.Take(i).Contains(p))
            {
                throw new ArgumentException($"Parameter {i} appears more than once across the parameter groups.", nameof(parameters));
            }
        }
    }
}
