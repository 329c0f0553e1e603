using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>
/// 2-D convolution over [N, C, H, W] with square kernels, initialised as PyTorch does
/// (weights kaiming-uniform a = √5, bias U(±1/√fan_in), fan_in = C/groups · k²). Create with <c>torch.nn.Conv2d(...)</c>.
/// </summary>
public sealed class Conv2d : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A convolution with fresh parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, negative padding, or channels not divisible by <paramref name="groups"/>.</exception>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1,
        bool hasBias = true, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"Channels ({inChannels} in, {outChannels} out) must be divisible by groups.");
        }

        (this.stride, this.padding, this.dilation, this.groups) = (stride, padding, dilation, groups);
        var w = torch.empty([outChannels, inChannels / groups, kernelSize, kernelSize], dtype, device);
        torch.nn.init.kaiming_uniform_(w, Math.Sqrt(5));
        register_parameter("weight", torch.nn.Parameter(w));
        var fanIn = inChannels / groups * kernelSize * kernelSize;
        register_parameter("bias", hasBias ? torch.nn.Parameter(Init.FanInUniform(torch.empty([outChannels], dtype, device), fanIn)) : null);
    }

    /// <summary>Step between windows.</summary>
    public long stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public long padding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public long dilation { get; }

    /// <summary>Channel groups.</summary>
    public long groups { get; }

    /// <summary>[out, in/groups, k, k].</summary>
    public Tensor weight => Param("weight");

    /// <summary>[out], or null without bias.</summary>
    public Tensor? bias => ParamOrNull("bias");

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => F.conv2d(input, weight, bias, stride, padding, dilation, groups);
}
