using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Comparisons and logic; results are Bool tensors.</summary>
public sealed partial class Tensor
{
    /// <summary>this == other.</summary>
    public Tensor eq(Tensor other) => Binary(other, BinaryOp.Eq);

    /// <summary>this == value.</summary>
    public Tensor eq(double value) => Scalar(value, BinaryOp.Eq);

    /// <summary>this != other.</summary>
    public Tensor ne(Tensor other) => Binary(other, BinaryOp.Ne);

    /// <summary>this != value.</summary>
    public Tensor ne(double value) => Scalar(value, BinaryOp.Ne);

    /// <summary>this &lt; other.</summary>
    public Tensor lt(Tensor other) => Binary(other, BinaryOp.Lt);

    /// <summary>this &lt; value.</summary>
    public Tensor lt(double value) => Scalar(value, BinaryOp.Lt);

    /// <summary>this &lt;= other.</summary>
    public Tensor le(Tensor other) => Binary(other, BinaryOp.Le);

    /// <summary>this &lt;= value.</summary>
    public Tensor le(double value) => Scalar(value, BinaryOp.Le);

    /// <summary>this &gt; other.</summary>
    public Tensor gt(Tensor other) => Binary(other, BinaryOp.Gt);

    /// <summary>this &gt; value.</summary>
    public Tensor gt(double value) => Scalar(value, BinaryOp.Gt);

    /// <summary>this &gt;= other.</summary>
    public Tensor ge(Tensor other) => Binary(other, BinaryOp.Ge);

    /// <summary>this &gt;= value.</summary>
    public Tensor ge(double value) => Scalar(value, BinaryOp.Ge);

    /// <summary>Boolean AND.</summary>
    public Tensor logical_and(Tensor other) => Binary(other, BinaryOp.LogicalAnd);

    /// <summary>Boolean OR.</summary>
    public Tensor logical_or(Tensor other) => Binary(other, BinaryOp.LogicalOr);

    /// <summary>Boolean XOR.</summary>
    public Tensor logical_xor(Tensor other) => Binary(other, BinaryOp.LogicalXor);

    /// <summary>Whether every element satisfies |this - other| &lt;= atol + rtol·|other| (NaN never matches).</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(other);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var diff = sub(other).abs();
        var tolerance = other.abs().mul(rtol).add(atol);
        return diff.le(tolerance).all().item<bool>();
    }

    /// <summary>Whether both tensors have the same shape and equal elements.</summary>
    public bool equal(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!shape.AsSpan().SequenceEqual(other.shape))
        {
            return false;
        }

        using var scope = torch.NewDisposeScope();
        return eq(other).all().item<bool>();
    }
}
