using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>
/// A linear layer with a low-rank adapter: h = x·W0ᵀ + b + (α/r)·B·A·dropout(x), with the base W0 and b
/// frozen, A [r, in] kaiming-uniform(a = √5) and B [out, r] zero-initialised (so a fresh adapter changes
/// nothing), as PEFT/loralib. State-dict names: <c>weight</c>, <c>bias</c>, <c>lora_A</c>, <c>lora_B</c>,
/// so a base model's state dict still loads after injection. Create with <see cref="FromLinear"/>,
/// <c>torch.nn.LoRALinear(...)</c> or LoRA injection (<c>model.InjectLoRA(config)</c>).
/// </summary>
public sealed class LoRALinear : torch.nn.Module<Tensor, Tensor>
{
    private bool _enabled = true;

    /// <summary>A LoRA layer over a fresh (randomly initialised, frozen) base.</summary>
    public LoRALinear(long inFeatures, long outFeatures, int rank, double alpha, double dropout = 0, bool hasBias = true,
        Device? device = null, ScalarType dtype = ScalarType.Float32)
        : this(FreshBase(inFeatures, outFeatures, hasBias, device, dtype, rank, alpha, dropout), rank, alpha, dropout)
    {
    }

    private LoRALinear((Tensor weight, Tensor? bias) @base, int rank, double alpha, double dropout)
    {
        var (weight, bias) = @base;
        (out_features, in_features) = (weight.size(0), weight.size(1));
        (r, this.alpha, lora_dropout) = (rank, alpha, dropout);
        register_parameter("weight", torch.nn.Parameter(weight, requiresGrad: false));
        register_parameter("bias", bias is null ? null : torch.nn.Parameter(bias, requiresGrad: false));
        register_parameter("lora_A", torch.nn.Parameter(torch.empty([rank, in_features], weight.dtype, weight.device)));
        register_parameter("lora_B", torch.nn.Parameter(torch.empty([out_features, rank], weight.dtype, weight.device)));
        reset_lora_parameters();
    }

    /// <summary>Input features.</summary>
    public long in_features { get; }

    /// <summary>Output features.</summary>
    public long out_features { get; }

    /// <summary>Rank r of the adapter.</summary>
    public int r { get; }

    /// <summary>LoRA α.</summary>
    public double alpha { get; }

    /// <summary>The adapter's scale α/r.</summary>
    public double scaling => alpha / r;

    /// <summary>Dropout probability on the adapter path's input (training mode only).</summary>
    public double lora_dropout { get; }

    /// <summary>Frozen base weight [out, in] (holds W0 + (α/r)·B·A while merged).</summary>
    public Tensor weight => Param("weight");

    /// <summary>Frozen base bias [out], or null.</summary>
    public Tensor? bias => ParamOrNull("bias");

    /// <summary>Down-projection A [r, in].</summary>
    public Tensor lora_A => Param("lora_A");

    /// <summary>Up-projection B [out, r].</summary>
    public Tensor lora_B => Param("lora_B");

    /// <summary>Whether B·A is currently folded into <see cref="weight"/>.</summary>
    public bool merged { get; private set; }

    /// <summary>
    /// Whether the adapter contributes to the output. Disabling a merged adapter unmerges it first, so a
    /// disabled layer always computes the base output.
    /// </summary>
    public bool AdapterEnabled
    {
        get => _enabled;
        set
        {
            if (!value && merged)
            {
                unmerge();
            }

            _enabled = value;
        }
    }

    /// <summary>
    /// A LoRA layer over <paramref name="linear"/>'s weight and bias. The tensors are shared, not copied
    /// (second handles to the same storage): the base is frozen for both layers, and <see cref="merge"/>
    /// changes both. <paramref name="linear"/> stays usable and is still disposed by its owner.
    /// </summary>
    public static LoRALinear FromLinear(Linear linear, int rank, double alpha, double dropout = 0)
    {
        ArgumentNullException.ThrowIfNull(linear);
        CheckAdapter(rank, alpha, dropout);
        return new LoRALinear((linear.weight.alias(), linear.bias?.alias()), rank, alpha, dropout);
    }

    /// <summary>Re-initialises the adapter: A kaiming-uniform(a = √5), B zeros (the layer equals its base again). Unmerges first.</summary>
    public void reset_lora_parameters()
    {
        if (merged)
        {
            unmerge();
        }

        torch.nn.init.kaiming_uniform_(lora_A, Math.Sqrt(5));
        torch.nn.init.zeros_(lora_B);
    }

    /// <summary>Folds (α/r)·B·A into the base weight so forward costs one matmul. No-op when merged.</summary>
    /// <exception cref="InvalidOperationException">The adapter is disabled.</exception>
    public void merge()
    {
        if (!_enabled)
        {
            throw new InvalidOperationException("Cannot merge a disabled LoRA adapter; enable it first (AdapterEnabled = true).");
        }

        if (!merged)
        {
            Fold(+scaling);
            merged = true;
        }
    }

    /// <summary>Subtracts (α/r)·B·A from the base weight again. No-op when not merged.</summary>
    public void unmerge()
    {
        if (merged)
        {
            Fold(-scaling);
            merged = false;
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var y = F.linear(input, weight, bias);
        if (!_enabled || merged)
        {
            return y;
        }

        using var dropped = lora_dropout > 0 && training ? F.dropout(input, lora_dropout, true) : null;
        using var down = F.linear(dropped ?? input, lora_A);
        using var up = F.linear(down, lora_B);
        using (y)
        {
            return y.add(up, scaling);
        }
    }

    private void Fold(double scale)
    {
        using var noGrad = torch.no_grad();
        using var delta = lora_B.matmul(lora_A);
        weight.add_(delta, scale);
    }

    private static (Tensor, Tensor?) FreshBase(long inFeatures, long outFeatures, bool hasBias, Device? device, ScalarType dtype, int rank, double alpha, double dropout)
    {
        CheckAdapter(rank, alpha, dropout);
        using var linear = new Linear(inFeatures, outFeatures, hasBias, device, dtype);
        return (linear.weight.alias(), linear.bias?.alias());
    }

    // Checked before any tensor is created so that a bad argument leaks nothing.
    private static void CheckAdapter(int rank, double alpha, double dropout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (!double.IsFinite(alpha) || alpha <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "LoRA alpha must be positive and finite.");
        }

        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "LoRA dropout must be in [0, 1).");
        }
    }
}
