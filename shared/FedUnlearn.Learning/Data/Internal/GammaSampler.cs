using FedUnlearn.Contracts.Randomness;
namespace FedUnlearn.Learning.Data.Internal;

/// <summary>
/// Gamma and Dirichlet sampling by Marsaglia &amp; Tsang (2000), "A simple method for generating
/// gamma variables". Works in log space so that tiny shapes (α = 0.01, where U^(1/α) underflows to
/// zero in doubles) still give a valid Dirichlet vector instead of 0/0.
/// </summary>
internal static class GammaSampler
{
    /// <summary>The logarithm of one Gamma(<paramref name="shape"/>, 1) sample.</summary>
    public static double NextLogGamma(Xoshiro256 rng, double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The gamma shape must be positive and finite.");
        if (shape < 1)
        {
            // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a), taken as a sum of logs.
            var u = 1.0 - rng.NextDouble(); // (0, 1]: log stays finite
            return NextLogGamma(rng, shape + 1) + Math.Log(u) / shape;
        }

        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = rng.NextNormal();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = rng.NextDouble();
            var x2 = x * x;
            // The squeeze accepts ~98% of draws without a logarithm.
            if (u < 1.0 - 0.0331 * x2 * x2) return Math.Log(d * v);
            if (u > 0 && Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v))) return Math.Log(d * v);
        }
    }

    /// <summary>One Gamma(<paramref name="shape"/>, 1) sample.</summary>
    public static double NextGamma(Xoshiro256 rng, double shape) => Math.Exp(NextLogGamma(rng, shape));

    /// <summary>Fills <paramref name="proportions"/> with one draw of a symmetric Dirichlet(α, …, α).</summary>
    public static void NextDirichlet(Xoshiro256 rng, double alpha, Span<double> proportions)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < proportions.Length; i++)
        {
            proportions[i] = NextLogGamma(rng, alpha);
            max = Math.Max(max, proportions[i]);
        }
        // Normalise gammas via log-sum-exp: exp(log g_i − max) / Σ exp(log g_j − max).
        var sum = 0.0;
        for (var i = 0; i < proportions.Length; i++)
        {
            proportions[i] = Math.Exp(proportions[i] - max);
            sum += proportions[i];
        }
        for (var i = 0; i < proportions.Length; i++) proportions[i] /= sum;
    }
}
