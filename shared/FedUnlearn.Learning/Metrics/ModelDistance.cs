using System.Numerics.Tensors;
using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// How far a model's outputs are from a reference model's (usually the retrained one) on the same
/// samples: activation distance, Jensen–Shannon and Kullback–Leibler divergence of the softmax
/// outputs, and the distance between penultimate features. Smaller is closer to retraining.
/// </summary>
/// <remarks>
/// Inputs are row-major [n, width] arrays with row i of both arguments describing the same sample.
/// Probability inputs must be softmax outputs (see <see cref="Logits.Softmax(ReadOnlySpan{float}, int)"/>):
/// rows are checked to be non-negative and to sum to 1, which catches logits passed by mistake.
/// Results are means over samples, accumulated in double; divergences use the natural log.
/// </remarks>
public static class ModelDistance
{
    /// <summary>Mean L2 distance between the two models' softmax outputs (between 0 and √2).</summary>
    /// <exception cref="ArgumentException">Shapes differ, there is no sample, or a row is not a probability vector.</exception>
    public static double Activation(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> referenceProbabilities, int classCount)
    {
        var rows = CheckProbabilities(probabilities, referenceProbabilities, classCount);
        return MeanRowDistance(probabilities, referenceProbabilities, classCount, rows);
    }

    /// <summary>Mean Jensen–Shannon divergence between the two models' softmax outputs, in [0, ln 2].</summary>
    /// <remarks>Zero probabilities are handled exactly (0·log 0 = 0), so one-hot outputs give finite values.</remarks>
    /// <inheritdoc cref="Activation" path="/exception"/>
    public static double JensenShannon(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> referenceProbabilities, int classCount)
    {
        var rows = CheckProbabilities(probabilities, referenceProbabilities, classCount);
        double total = 0;
        for (var i = 0; i < rows; i++)
        {
            var p = probabilities.Slice(i * classCount, classCount);
            var q = referenceProbabilities.Slice(i * classCount, classCount);
            double js = 0;
            for (var j = 0; j < classCount; j++)
            {
                double pj = p[j], qj = q[j], m = 0.5 * (pj + qj);
                if (pj > 0) js += 0.5 * pj * Math.Log(pj / m);
                if (qj > 0) js += 0.5 * qj * Math.Log(qj / m);
            }
            // Rounding can step a hair outside the mathematical bounds.
            total += Math.Clamp(js, 0, Math.Log(2));
        }
        return total / rows;
    }

    /// <summary>Mean Kullback–Leibler divergence KL(p ‖ q) of the model's outputs p from the reference's q.</summary>
    /// <returns>The mean divergence; <see cref="double.PositiveInfinity"/> when some q is 0 where p is not.</returns>
    /// <inheritdoc cref="Activation" path="/exception"/>
    public static double KullbackLeibler(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> referenceProbabilities, int classCount)
    {
        var rows = CheckProbabilities(probabilities, referenceProbabilities, classCount);
        double total = 0;
        for (var i = 0; i < rows; i++)
        {
            var p = probabilities.Slice(i * classCount, classCount);
            var q = referenceProbabilities.Slice(i * classCount, classCount);
            double kl = 0;
            for (var j = 0; j < classCount; j++)
            {
                if (p[j] == 0) continue;
                if (q[j] == 0) return double.PositiveInfinity;
                kl += p[j] * Math.Log((double)p[j] / q[j]);
            }
            total += Math.Max(0, kl);
        }
        return total / rows;
    }

    /// <summary>Mean L2 distance between two models' feature vectors (e.g. penultimate-layer activations).</summary>
    /// <param name="features">Row-major [n, <paramref name="dimension"/>] features of the model.</param>
    /// <param name="referenceFeatures">Features of the reference model on the same samples.</param>
    /// <param name="dimension">Feature width d.</param>
    /// <exception cref="ArgumentException">Shapes differ, there is no sample, or a value is not finite.</exception>
    public static double Features(ReadOnlySpan<float> features, ReadOnlySpan<float> referenceFeatures, int dimension)
    {
        var rows = CheckRows(features, referenceFeatures, dimension, "features", nameof(features), nameof(referenceFeatures));
        MetricGuard.Finite(features, "features", nameof(features));
        MetricGuard.Finite(referenceFeatures, "reference features", nameof(referenceFeatures));
        return MeanRowDistance(features, referenceFeatures, dimension, rows);
    }

    private static double MeanRowDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int rows)
    {
        double total = 0;
        for (var i = 0; i < rows; i++)
            total += TensorPrimitives.Distance(a.Slice(i * width, width), b.Slice(i * width, width));
        return total / rows;
    }

    private static int CheckProbabilities(ReadOnlySpan<float> p, ReadOnlySpan<float> q, int classCount)
    {
        const string param = "probabilities", referenceParam = "referenceProbabilities";
        var rows = CheckRows(p, q, classCount, "probabilities", param, referenceParam);
        MetricGuard.Probabilities(p, classCount, "probabilities", param);
        MetricGuard.Probabilities(q, classCount, "reference probabilities", referenceParam);
        return rows;
    }

    private static int CheckRows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, string what, string param, string referenceParam)
    {
        var rows = MetricGuard.Rows(a.Length, width, what, param);
        MetricGuard.SameLength(b.Length, a.Length, $"reference {what}", what, referenceParam);
        if (rows == 0) throw new ArgumentException("No samples: the mean distance over an empty set is undefined.", param);
        return rows;
    }
}
