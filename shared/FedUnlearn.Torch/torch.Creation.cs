using FedUnlearn.Torch.Internal;

namespace FedUnlearn.Torch;

/// <summary>Factories. Shapes are spans (<c>torch.zeros([2, 3])</c> or <c>torch.zeros(2, 3)</c>); the default device is the CPU.</summary>
public static partial class torch
{
    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(params ReadOnlySpan<long> shape) => Create(FillKind.Zeros, shape, 0, 0, float32, null, false);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Zeros, shape, 0, 0, dtype, device, requiresGrad);

    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(params ReadOnlySpan<long> shape) => Create(FillKind.Ones, shape, 0, 0, float32, null, false);

    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Ones, shape, 0, 0, dtype, device, requiresGrad);

    /// <summary>An uninitialised tensor (fill it before reading).</summary>
    public static Tensor empty(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Empty, shape, 0, 0, dtype, device, requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor full(ReadOnlySpan<long> shape, double value, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Full, shape, value, 0, dtype, device, requiresGrad);

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor rand(params ReadOnlySpan<long> shape) => Create(FillKind.Rand, shape, 0, 0, float32, null, false);

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor rand(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Rand, shape, 0, 0, dtype, device, requiresGrad);

    /// <summary>Standard normal samples.</summary>
    public static Tensor randn(params ReadOnlySpan<long> shape) => Create(FillKind.Randn, shape, 0, 0, float32, null, false);

    /// <summary>Standard normal samples.</summary>
    public static Tensor randn(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Randn, shape, 0, 0, dtype, device, requiresGrad);

    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor randint(long low, long high, ReadOnlySpan<long> shape, ScalarType dtype = int64, Device? device = null) =>
        Create(FillKind.Randint, shape, low, high, dtype, device, false);

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, ScalarType dtype = int64, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.fu_randperm(n, ElementType.Code(dtype), (int)d.Type, d.Index));
    }

    /// <summary>0, 1, ..., end-1 as Int64.</summary>
    public static Tensor arange(long end, Device? device = null) => arange(0, end, 1, int64, device);

    /// <summary>start, start+step, ... before end.</summary>
    public static Tensor arange(long start, long end, long step = 1, ScalarType dtype = int64, Device? device = null) =>
        arange((double)start, end, step, dtype, device);

    /// <summary>start, start+step, ... before end.</summary>
    public static Tensor arange(double start, double end, double step, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.fu_arange(start, end, step, ElementType.Code(dtype), (int)d.Type, d.Index, Native.Flag(requiresGrad)));
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.fu_linspace(start, end, steps, ElementType.Code(dtype), (int)d.Type, d.Index));
    }

    /// <summary>An identity matrix of n rows and m columns (m &lt; 0: square).</summary>
    public static Tensor eye(long n, long m = -1, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? Device.CPU;
        return Tensor.Wrap(Native.fu_eye(n, m < 0 ? n : m, ElementType.Code(dtype), (int)d.Type, d.Index));
    }

    /// <summary>A 0-d tensor holding one value.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = float32, Device? device = null, bool requiresGrad = false) =>
        Create(FillKind.Full, [], value, 0, dtype, device, requiresGrad);

    /// <summary>Zeros shaped like <paramref name="other"/> on its device (its dtype unless given).</summary>
    public static Tensor zeros_like(Tensor other, ScalarType? dtype = null, bool requiresGrad = false) => Like(other, FillKind.Zeros, 0, 0, dtype, requiresGrad);

    /// <summary>Ones shaped like <paramref name="other"/>.</summary>
    public static Tensor ones_like(Tensor other, ScalarType? dtype = null, bool requiresGrad = false) => Like(other, FillKind.Ones, 0, 0, dtype, requiresGrad);

    /// <summary>A value repeated in the shape of <paramref name="other"/>.</summary>
    public static Tensor full_like(Tensor other, double value, ScalarType? dtype = null, bool requiresGrad = false) => Like(other, FillKind.Full, value, 0, dtype, requiresGrad);

    /// <summary>Uninitialised, shaped like <paramref name="other"/>.</summary>
    public static Tensor empty_like(Tensor other, ScalarType? dtype = null) => Like(other, FillKind.Empty, 0, 0, dtype, false);

    /// <summary>Uniform [0, 1) samples shaped like <paramref name="other"/>.</summary>
    public static Tensor rand_like(Tensor other, ScalarType? dtype = null) => Like(other, FillKind.Rand, 0, 0, dtype, false);

    /// <summary>Standard normal samples shaped like <paramref name="other"/>.</summary>
    public static Tensor randn_like(Tensor other, ScalarType? dtype = null) => Like(other, FillKind.Randn, 0, 0, dtype, false);

    /// <summary>Samples category indices from rows of (unnormalised) probabilities.</summary>
    public static Tensor multinomial(Tensor probs, long samples, bool replacement = false)
    {
        ArgumentNullException.ThrowIfNull(probs);
        return Tensor.Wrap(Native.fu_multinomial(probs.Handle, samples, Native.Flag(replacement)));
    }

    /// <summary>0/1 samples with the given probabilities.</summary>
    public static Tensor bernoulli(Tensor probs)
    {
        ArgumentNullException.ThrowIfNull(probs);
        return Tensor.Wrap(Native.fu_bernoulli(probs.Handle));
    }

    private static unsafe Tensor Create(FillKind kind, ReadOnlySpan<long> shape, double a, double b, ScalarType dtype, Device? device, bool requiresGrad)
    {
        var d = device ?? Device.CPU;
        fixed (long* s = shape)
        {
            return Tensor.Wrap(Native.fu_create((int)kind, s, shape.Length, a, b, ElementType.Code(dtype), (int)d.Type, d.Index, Native.Flag(requiresGrad)));
        }
    }

    private static Tensor Like(Tensor other, FillKind kind, double a, double b, ScalarType? dtype, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Tensor.Wrap(Native.fu_create_like(other.Handle, (int)kind, a, b, dtype.HasValue ? ElementType.Code(dtype.Value) : -1, Native.Flag(requiresGrad)));
    }
}
