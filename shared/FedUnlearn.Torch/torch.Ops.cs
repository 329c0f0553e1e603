using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>PyTorch-style free functions; each forwards to the <see cref="Tensor"/> method of the same name.</summary>
public static partial class torch
{
    /// <summary>input + alpha * other.</summary>
    public static Tensor add(Tensor input, Tensor other, double alpha = 1) => input.add(other, alpha);

    /// <summary>input - alpha * other.</summary>
    public static Tensor sub(Tensor input, Tensor other, double alpha = 1) => input.sub(other, alpha);

    /// <summary>input * other.</summary>
    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);

    /// <summary>input / other.</summary>
    public static Tensor div(Tensor input, Tensor other) => input.div(other);

    /// <summary>input ^ exponent.</summary>
    public static Tensor pow(Tensor input, double exponent) => input.pow(exponent);

    /// <summary>Matrix product with broadcasting.</summary>
    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);

    /// <summary>2-D matrix product.</summary>
    public static Tensor mm(Tensor input, Tensor other) => input.mm(other);

    /// <summary>Batched matrix product.</summary>
    public static Tensor bmm(Tensor input, Tensor other) => input.bmm(other);

    /// <summary>Outer product.</summary>
    public static Tensor outer(Tensor input, Tensor other) => input.outer(other);

    /// <summary>e^x.</summary>
    public static Tensor exp(Tensor input) => input.exp();

    /// <summary>Natural logarithm.</summary>
    public static Tensor log(Tensor input) => input.log();

    /// <summary>Square root.</summary>
    public static Tensor sqrt(Tensor input) => input.sqrt();

    /// <summary>|x|.</summary>
    public static Tensor abs(Tensor input) => input.abs();

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor tanh(Tensor input) => input.tanh();

    /// <summary>Logistic sigmoid.</summary>
    public static Tensor sigmoid(Tensor input) => input.sigmoid();

    /// <summary>max(x, 0).</summary>
    public static Tensor relu(Tensor input) => input.relu();

    /// <summary>Clamps into [min, max].</summary>
    public static Tensor clamp(Tensor input, double? min = null, double? max = null) => input.clamp(min, max);

    /// <summary>Elementwise maximum.</summary>
    public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);

    /// <summary>Elementwise minimum.</summary>
    public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);

    /// <summary>Sum of every element.</summary>
    public static Tensor sum(Tensor input) => input.sum();

    /// <summary>Mean of every element.</summary>
    public static Tensor mean(Tensor input) => input.mean();

    /// <summary>Index of the largest value along a dim.</summary>
    public static Tensor argmax(Tensor input, long dim, bool keepdim = false) => input.argmax(dim, keepdim);

    /// <summary>True where the element is finite.</summary>
    public static Tensor isfinite(Tensor input) => input.isfinite();

    /// <summary>The k largest values along a dim and their indices.</summary>
    public static (Tensor values, Tensor indices) topk(Tensor input, long k, long dim = -1, bool largest = true) => input.topk(k, dim, largest);

    /// <summary>input + value * t1 * t2.</summary>
    public static Tensor addcmul(Tensor input, Tensor t1, Tensor t2, double value = 1) => input.addcmul(t1, t2, value);

    /// <summary>input + value * t1 / t2.</summary>
    public static Tensor addcdiv(Tensor input, Tensor t1, Tensor t2, double value = 1) => input.addcdiv(t1, t2, value);

    /// <summary>input + weight * (end - input).</summary>
    public static Tensor lerp(Tensor input, Tensor end, double weight) => input.lerp(end, weight);

    /// <summary>Elements of <paramref name="input"/> where <paramref name="condition"/> holds, else of <paramref name="other"/> (broadcast).</summary>
    public static Tensor where(Tensor condition, Tensor input, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(other);
        return Tensor.Wrap(Native.fu_where(condition.Handle, input.Handle, other.Handle));
    }

    /// <summary>Reshape.</summary>
    public static Tensor reshape(Tensor input, params ReadOnlySpan<long> shape) => input.reshape(shape);

    /// <summary>Swap two dims.</summary>
    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);

    /// <summary>Merge dims start..end.</summary>
    public static Tensor flatten(Tensor input, long startDim = 0, long endDim = -1) => input.flatten(startDim, endDim);

    /// <summary>Entries of a dim picked by an index vector.</summary>
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);

    /// <summary>Values gathered along a dim.</summary>
    public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);

    /// <summary>Joins tensors along an existing dim.</summary>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Joins tensors along a new dim.</summary>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var handles = new TensorHandles(tensors, nameof(tensors));
        try
        {
            fixed (IntPtr* p = handles.Pointers)
            {
                return Tensor.Wrap(Native.fu_cat(p, tensors.Count, dim, Native.Flag(stack)));
            }
        }
        finally
        {
            handles.Release();
        }
    }
}
