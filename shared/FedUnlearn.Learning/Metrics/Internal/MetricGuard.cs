namespace FedUnlearn.Learning.Metrics.Internal;

/// <summary>Input checks shared by the metric entry points, so every one fails with the same clear words.</summary>
internal static class MetricGuard
{
    /// <summary>Checks that <paramref name="length"/> values form a row-major [n, <paramref name="width"/>] matrix and returns n.</summary>
    public static int Rows(int length, int width, string what, string paramName)
    {
        if (width < 1)
            throw new ArgumentOutOfRangeException(paramName, width, $"The row width of {what} must be at least 1.");
        if (length % width != 0)
            throw new ArgumentException($"{what} holds {length} values, not a whole number of rows of {width}.", paramName);
        return length / width;
    }

    /// <summary>Checks that there is one class index per row and each lies in [0, classCount).</summary>
    public static void Labels(ReadOnlySpan<int> labels, int rows, int classCount, string paramName, string what = "labels")
    {
        if (labels.Length != rows)
            throw new ArgumentException($"Got {labels.Length} {what} for {rows} samples.", paramName);
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Class {labels[i]} at index {i} of the {what} is outside [0, {classCount}).", paramName);
        }
    }

    /// <summary>Rejects NaN and infinities, naming the first offending index.</summary>
    public static void Finite(ReadOnlySpan<float> values, string what, string paramName)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"{what} contains {values[i]} at index {i}; all values must be finite.", paramName);
        }
    }

    /// <inheritdoc cref="Finite(ReadOnlySpan{float}, string, string)"/>
    public static void Finite(ReadOnlySpan<double> values, string what, string paramName)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{what} contains {values[i]} at index {i}; all values must be finite.", paramName);
        }
    }

    /// <summary>Checks that every row is a probability vector (non-negative, sums to 1 within float error).</summary>
    /// <remarks>Catches the common slip of passing logits where softmax outputs are expected.</remarks>
    public static void Probabilities(ReadOnlySpan<float> values, int width, string what, string paramName)
    {
        const double tolerance = 1e-3;
        for (var row = 0; row * width < values.Length; row++)
        {
            var p = values.Slice(row * width, width);
            double sum = 0;
            for (var j = 0; j < p.Length; j++)
            {
                if (!(p[j] >= 0f) || float.IsPositiveInfinity(p[j]))
                    throw new ArgumentException($"{what} row {row} has {p[j]} at class {j}; probabilities must be finite and non-negative: pass softmax probabilities, not logits.", paramName);
                sum += p[j];
            }
            if (Math.Abs(sum - 1.0) > tolerance)
                throw new ArgumentException($"{what} row {row} sums to {sum:G6}, not 1: pass softmax probabilities, not logits.", paramName);
        }
    }

    /// <summary>Checks that two inputs describe the same number of values.</summary>
    public static void SameLength(int a, int b, string whatA, string whatB, string paramName)
    {
        if (a != b)
            throw new ArgumentException($"{whatA} holds {a} values but {whatB} holds {b}; they must describe the same samples.", paramName);
    }
}
