using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.GradChecks;

/// <summary>Inputs (float64; checked where they require grad) and the function under test.</summary>
internal sealed record GradCase(Tensor[] Inputs, Func<Tensor[], Tensor> F)
{
    /// <summary>Standard normal float64 leaf requiring grad.</summary>
    public static Tensor R(params long[] shape) => torch.randn(shape, torch.float64, requiresGrad: true);

    /// <summary>Positive float64 leaf in [0.5, 1.5) requiring grad (for log, sqrt, division, ...).</summary>
    public static Tensor P(params long[] shape) => torch.rand(shape, torch.float64).add(0.5).requires_grad_();

    public static GradCase Of(Func<Tensor[], Tensor> f, params Tensor[] inputs) => new(inputs, f);
}
