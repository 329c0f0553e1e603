namespace FedUnlearn.Torch;

/// <summary>
/// Chainable module settings that keep the module's own type (<c>var m = torch.nn.Linear(4, 2).to(torch.float64)</c>),
/// as TorchSharp's extension methods do.
/// </summary>
public static class ModuleExtensions
{
    /// <summary>Training mode (dropout active) for the module and its descendants, or eval mode when <paramref name="mode"/> is false.</summary>
    public static TModule train<TModule>(this TModule module, bool mode = true)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetTraining(mode);
        return module;
    }

    /// <summary>Evaluation mode (dropout off) for the module and its descendants.</summary>
    public static TModule eval<TModule>(this TModule module)
        where TModule : torch.nn.Module => module.train(false);

    /// <summary>Sets <c>requires_grad</c> on every parameter: false freezes the subtree, true unfreezes it.</summary>
    public static TModule requires_grad_<TModule>(this TModule module, bool requiresGrad = true)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.SetRequiresGrad(requiresGrad);
        return module;
    }

    /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/>, in place.</summary>
    public static TModule to<TModule>(this TModule module, ScalarType dtype)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        module.Apply(dtype, null);
        return module;
    }

    /// <summary>Moves parameters and buffers to <paramref name="device"/>, in place.</summary>
    public static TModule to<TModule>(this TModule module, Device device)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        module.Apply(null, device);
        return module;
    }

    /// <summary>Converts to <paramref name="dtype"/> and moves to <paramref name="device"/>, in place.</summary>
    public static TModule to<TModule>(this TModule module, ScalarType dtype, Device device)
        where TModule : torch.nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(device);
        module.Apply(dtype, device);
        return module;
    }
}
