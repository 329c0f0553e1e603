namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>Boolean options of a native step; values mirror <c>fu::optim::k*</c> in optim_state.h.</summary>
[Flags]
internal enum OptimizerFlags
{
    None = 0,
    Nesterov = 1,
    Maximize = 2,
    Amsgrad = 4,
}
