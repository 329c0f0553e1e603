using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.Support;

/// <summary>
/// Finite-difference gradient check: compares backward() against central differences of
/// L = sum(f(inputs) * w), with w a fixed random weighting (so the whole Jacobian is exercised, not
/// just its column sums). Inputs must be float64; those with requires_grad are checked. The seed is
/// reset before every evaluation so random ops (dropout) draw the same mask each time.
/// </summary>
internal static class GradCheck
{
    private const long Seed = 20240611;

    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-6, double rtol = 1e-5)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(Seed);
        var output = f(inputs);
        Assert.Equal(ScalarType.Float64, output.dtype);
        var weights = WeightsLike(output);
        (output * weights).sum().backward();

        foreach (var (input, index) in inputs.Select((t, i) => (t, i)).Where(p => p.t.requires_grad))
        {
            var analytic = input.grad?.ToArray<double>() ?? new double[input.numel()];
            var numeric = Numeric(f, inputs, input, weights, eps);
            for (var j = 0; j < numeric.Length; j++)
            {
                var tolerance = atol + (rtol * Math.Abs(numeric[j]));
                Assert.True(
                    Math.Abs(analytic[j] - numeric[j]) <= tolerance,
                    $"input {index} element {j}: backward gives {analytic[j]:R}, finite differences {numeric[j]:R}");
            }
        }
    }

    private static Tensor WeightsLike(Tensor output)
    {
        // A fixed, deterministic, non-symmetric weighting in [0.5, 1.5).
        var n = output.numel();
        var w = Enumerable.Range(0, (int)n).Select(i => 0.5 + (((i * 7919) % 101) / 101.0)).ToArray();
        return torch.tensor<double>(w, output.shape);
    }

    private static double[] Numeric(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor input, Tensor weights, double eps)
    {
        var values = input.ToArray<double>();
        var grads = new double[values.Length];
        using var noGrad = torch.no_grad();
        for (var j = 0; j < values.Length; j++)
        {
            var original = values[j];
            values[j] = original + eps;
            input.CopyFrom<double>(values);
            var plus = Loss(f, inputs, weights);
            values[j] = original - eps;
            input.CopyFrom<double>(values);
            var minus = Loss(f, inputs, weights);
            values[j] = original;
            input.CopyFrom<double>(values);
            grads[j] = (plus - minus) / (2 * eps);
        }

        return grads;
    }

    private static double Loss(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor weights)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(Seed);
        return (f(inputs) * weights).sum().item<double>();
    }
}
