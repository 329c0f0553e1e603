using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Modules;

/// <summary>Layer normalisation over the trailing dims, with learnable scale (ones) and shift (zeros). Create with <c>torch.nn.LayerNorm(...)</c>.</summary>
public sealed class LayerNorm : torch.nn.Module<Tensor, Tensor>
{
    private readonly long[] _shape;

    /// <summary>Normalises over the trailing dims <paramref name="normalizedShape"/>.</summary>
    /// <exception cref="ArgumentException">An empty shape or a size below 1.</exception>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(s => s < 1))
        {
            throw new ArgumentException($"Normalized shape [{string.Join(", ", normalizedShape)}] must be non-empty with sizes ≥ 1.", nameof(normalizedShape));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eps);
        _shape = (long[])normalizedShape.Clone();
        this.eps = eps;
        register_parameter("weight", elementwiseAffine ? torch.nn.Parameter(torch.ones(_shape, dtype, device)) : null);
        register_parameter("bias", elementwiseAffine ? torch.nn.Parameter(torch.zeros(_shape, dtype, device)) : null);
    }

    /// <summary>The normalised trailing shape (a copy).</summary>
    public long[] normalized_shape => (long[])_shape.Clone();

    /// <summary>Added to the variance for stability.</summary>
    public double eps { get; }

    /// <summary>Scale, or null without affine parameters.</summary>
    public Tensor? weight => ParamOrNull("weight");

    /// <summary>Shift, or null without affine parameters.</summary>
    public Tensor? bias => ParamOrNull("bias");

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => F.layer_norm(input, _shape, weight, bias, eps);
}
