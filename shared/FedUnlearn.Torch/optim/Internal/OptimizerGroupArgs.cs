using System.Runtime.InteropServices;

namespace FedUnlearn.Torch.Optim.Internal;

/// <summary>One parameter group's hyper-parameters for a native step; mirrors <c>fu::optim::GroupArgs</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OptimizerGroupArgs
{
    public double LearningRate;
    public double WeightDecay;
    public double Beta1;
    public double Beta2;
    public double Eps;
    public double Momentum;
    public double Dampening;
    public OptimizerFlags Flags;
    public int Reserved;
}
