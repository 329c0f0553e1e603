namespace FedUnlearn.Torch.Modules;

/// <summary>Initialisation shared by the built-in modules.</summary>
internal static class Init
{
    /// <summary>U(±1/√fanIn): PyTorch's bias initialisation for Linear and Conv2d.</summary>
    internal static Tensor FanInUniform(Tensor t, long fanIn)
    {
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        return t.uniform_(-bound, bound);
    }
}
