using System.Numerics.Tensors;
using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Metrics;

/// <summary>
/// Per-sample quantities computed from a model's logits: predicted class, softmax probabilities,
/// cross-entropy loss and prediction entropy.
/// </summary>
/// <remarks>
/// Logits are a row-major [n, classCount] float array (one row per sample), as a model's output
/// tensor is laid out. Losses and entropies are computed in double from a max-shifted log-softmax,
/// so they stay finite for any finite logits and keep their precision near zero: a member sample
/// with loss 1e-9 is still distinguishable from one with 1e-7, which a membership-inference attack
/// relies on. Non-finite logits are rejected.
/// </remarks>
public static class Logits
{
    /// <summary>The predicted class (arg-max; the lowest index on ties) of every row.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <paramref name="classCount"/> or a logit is not finite.</exception>
    public static int[] Predict(ReadOnlySpan<float> logits, int classCount)
    {
        var rows = MetricGuard.Rows(logits.Length, classCount, "logits", nameof(logits));
        var predicted = new int[rows];
        Predict(logits, classCount, predicted);
        return predicted;
    }

    /// <summary>Writes the predicted class of every row to <paramref name="destination"/> (length n).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{float}, int)" path="/exception"/>
    public static void Predict(ReadOnlySpan<float> logits, int classCount, Span<int> destination)
    {
        var rows = CheckedRows(logits, classCount);
        MetricGuard.SameLength(destination.Length, rows, "destination", "the logits' row count", nameof(destination));
        for (var i = 0; i < rows; i++)
            destination[i] = TensorPrimitives.IndexOfMax(logits.Slice(i * classCount, classCount));
    }

    /// <summary>Softmax probabilities, row-major [n, classCount], each row summing to 1.</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{float}, int)" path="/exception"/>
    public static float[] Softmax(ReadOnlySpan<float> logits, int classCount)
    {
        var probabilities = new float[logits.Length];
        Softmax(logits, classCount, probabilities);
        return probabilities;
    }

    /// <summary>Writes softmax probabilities to <paramref name="destination"/> (same length as the logits).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{float}, int)" path="/exception"/>
    public static void Softmax(ReadOnlySpan<float> logits, int classCount, Span<float> destination)
    {
        var rows = CheckedRows(logits, classCount);
        MetricGuard.SameLength(destination.Length, logits.Length, "destination", "logits", nameof(destination));
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Slice(i * classCount, classCount);
            var p = destination.Slice(i * classCount, classCount);
            // Shifting by the row max keeps exp from overflowing; the result is unchanged.
            TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), p);
            TensorPrimitives.Exp(p, p);
            TensorPrimitives.Divide(p, TensorPrimitives.Sum<float>(p), p);
        }
    }

    /// <summary>Per-sample cross-entropy loss <c>-log softmax(z)[label]</c> in nats.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, a label is outside [0, classCount), or a logit is not finite.</exception>
    public static double[] CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classCount)
    {
        var rows = CheckedRows(logits, classCount);
        MetricGuard.Labels(labels, rows, classCount, nameof(labels));
        var losses = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Slice(i * classCount, classCount);
            var shifted = LogSumExpAboveMax(z, out var max, out _);
            // -log p_y = logsumexp(z) - z_y = (max - z_y) + log(1 + sum of the others).
            losses[i] = (max - z[labels[i]]) + shifted;
        }
        return losses;
    }

    /// <summary>Per-sample prediction entropy <c>-Σ p log p</c> in nats, between 0 and ln(classCount).</summary>
    /// <inheritdoc cref="Predict(ReadOnlySpan{float}, int)" path="/exception"/>
    public static double[] Entropy(ReadOnlySpan<float> logits, int classCount)
    {
        var rows = CheckedRows(logits, classCount);
        var entropies = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var z = logits.Slice(i * classCount, classCount);
            var logS = LogSumExpAboveMax(z, out var max, out var s);
            // H = log s - Σ p_j (z_j - max), with p_j = exp(z_j - max) / s.
            double weighted = 0;
            for (var j = 0; j < z.Length; j++)
            {
                double d = z[j] - max;
                weighted += Math.Exp(d) * d;
            }
            entropies[i] = Math.Max(0, logS - weighted / s);
        }
        return entropies;
    }

    private static int CheckedRows(ReadOnlySpan<float> logits, int classCount)
    {
        var rows = MetricGuard.Rows(logits.Length, classCount, "logits", nameof(logits));
        MetricGuard.Finite(logits, "logits", nameof(logits));
        return rows;
    }

    /// <summary>
    /// Returns <c>logsumexp(z) - max(z)</c> = log(1 + Σ_{j≠argmax} exp(z_j - max)) via log1p, so a
    /// confident row keeps its tiny tail instead of rounding it away; also gives max and the sum s.
    /// </summary>
    private static double LogSumExpAboveMax(ReadOnlySpan<float> z, out double max, out double s)
    {
        var top = TensorPrimitives.IndexOfMax(z);
        max = z[top];
        double tail = 0;
        for (var j = 0; j < z.Length; j++)
        {
            if (j != top) tail += Math.Exp(z[j] - max);
        }
        s = 1 + tail;
        return LogOnePlus(tail);
    }

    /// <summary>log(1 + x) without losing a tiny x to rounding (.NET's LogP1 is computed as Log(1 + x)).</summary>
    private static double LogOnePlus(double x) =>
        // Below 1e-4 the series x - x²/2 + x³/3 is exact to double precision (next term x⁴/4 < 1e-16·x).
        x < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);
}
