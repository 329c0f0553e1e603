using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>
/// The small quadratic of optim_reference.py: parameters x [2, 3] and y [3], loss
/// 0.5·Σ A⊙x² + Σ B⊙x + 0.1·Σx·Σy + Σ(y − 1)².
/// </summary>
internal static class Quadratic
{
    private static readonly double[] X0 = [0.5, -1.0, 1.5, 2.0, -0.3, 0.8];
    private static readonly double[] Y0 = [1.0, -2.0, 0.25];
    private static readonly double[] A = [1.0, 2.0, 3.0, 0.5, 1.5, 4.0];
    private static readonly double[] B = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6];

    /// <summary>Fresh x and y (x non-contiguous when <paramref name="transposed"/>), both leaves requiring grad.</summary>
    public static (Tensor X, Tensor Y) Parameters(ScalarType dtype = ScalarType.Float64, bool transposed = false)
    {
        var x = torch.tensor<double>(X0, [2, 3]).to(dtype);
        if (transposed)
        {
            x = x.t().contiguous().t();
        }

        return (x.requires_grad_(), torch.tensor<double>(Y0).to(dtype).requires_grad_());
    }

    public static Tensor Loss(Tensor x, Tensor y)
    {
        var a = torch.tensor<double>(A, [2, 3]).to(x.dtype);
        var b = torch.tensor<double>(B, [2, 3]).to(x.dtype);
        return (0.5 * (a * x * x).sum()) + (b * x).sum() + (0.1 * x.sum() * y.sum()) + (y - 1.0).pow(2).sum();
    }

    /// <summary>Runs <paramref name="steps"/> of zero_grad, backward, step; returns x then y, flattened.</summary>
    public static double[] Run(Func<Tensor, Tensor, Optimizer> make, ScalarType dtype = ScalarType.Float64, int steps = 5, bool transposed = false)
    {
        using var scope = torch.NewDisposeScope();
        var (x, y) = Parameters(dtype, transposed);
        using var optimizer = make(x, y);
        for (var i = 0; i < steps; i++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Loss(x, y).backward();
            optimizer.step();
        }

        return [.. Values(x), .. Values(y)];
    }

    private static double[] Values(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64).contiguous();
        return d.ToArray<double>();
    }
}
