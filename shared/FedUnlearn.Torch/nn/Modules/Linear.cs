using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>
/// y = x·Wᵀ + b with W of shape [out, in], initialised as PyTorch does: W ~ kaiming-uniform(a = √5),
/// i.e. U(±1/√in), and b ~ U(±1/√in). Create with <c>torch.nn.Linear(in, out)</c>.
/// </summary>
public sealed class Linear : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A linear layer with fresh parameters on <paramref name="device"/> (CPU by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1.</exception>
    public Linear(long inFeatures, long outFeatures, bool hasBias = true, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        in_features = inFeatures;
        out_features = outFeatures;
        var w = torch.empty([outFeatures, inFeatures], dtype, device);
        torch.nn.init.kaiming_uniform_(w, Math.Sqrt(5));
        register_parameter("weight", torch.nn.Parameter(w));
        register_parameter("bias", hasBias ? torch.nn.Parameter(Init.FanInUniform(torch.empty([outFeatures], dtype, device), inFeatures)) : null);
    }

    /// <summary>Input features.</summary>
    public long in_features { get; }

    /// <summary>Output features.</summary>
    public long out_features { get; }

    /// <summary>[out, in].</summary>
    public Tensor weight => Param("weight");

    /// <summary>[out], or null without bias.</summary>
    public Tensor? bias => ParamOrNull("bias");

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => F.linear(input, weight, bias);
}
