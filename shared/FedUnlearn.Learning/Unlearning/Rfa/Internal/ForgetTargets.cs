using FedUnlearn.Learning.Evaluation;

namespace FedUnlearn.Learning.Unlearning.Rfa.Internal;

/// <summary>The feature each forget sample is pulled to, from the frozen teacher's features.</summary>
internal static class ForgetTargets
{
    /// <summary>
    /// For each forget sample, the teacher's mean retained feature of the class nearest (L2) to the
    /// sample's own teacher feature, its own label excluded. Returns the targets and how many samples
    /// went to each class.
    /// </summary>
    public static (float[] Targets, int[] PerClass) OtherClassMean(ModelOutputs retain, ModelOutputs forget)
    {
        var dim = retain.FeatureDim;
        var classes = retain.ClassCount;
        var means = new double[classes * dim];
        var counts = new int[classes];
        for (var i = 0; i < retain.Count; i++)
        {
            var c = retain.Labels[i];
            counts[c]++;
            var row = retain.Features!.AsSpan(i * dim, dim);
            for (var j = 0; j < dim; j++) means[c * dim + j] += row[j];
        }

        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; counts[c] > 0 && j < dim; j++) means[c * dim + j] /= counts[c];
        }

        var targets = new float[forget.Count * dim];
        var perClass = new int[classes];
        for (var i = 0; i < forget.Count; i++)
        {
            var row = forget.Features!.AsSpan(i * dim, dim);
            var (best, bestDistance) = (-1, double.PositiveInfinity);
            for (var c = 0; c < classes; c++)
            {
                if (counts[c] == 0 || c == forget.Labels[i]) continue;
                var distance = 0.0;
                for (var j = 0; j < dim; j++) distance += Square(row[j] - means[c * dim + j]);
                if (distance < bestDistance) (best, bestDistance) = (c, distance);
            }

            if (best < 0)
            {
                throw new ArgumentException(
                    $"RFA target 'other-class-mean' needs retained samples of a class other than {forget.Labels[i]} (forget sample id {forget.Ids[i]}); "
                    + "use target=random or target=uniform-kl.");
            }

            perClass[best]++;
            for (var j = 0; j < dim; j++) targets[i * dim + j] = (float)means[best * dim + j];
        }

        return (targets, perClass);
    }

    /// <summary>
    /// Each forget sample's teacher feature shifted by <paramref name="norm"/> along a unit direction
    /// seeded by its label: one direction per class, which a low-rank adapter can learn (independent
    /// per-sample directions average out and barely move the features).
    /// </summary>
    public static float[] RandomShift(ModelOutputs forget, double norm, long seed)
    {
        var dim = forget.FeatureDim;
        var targets = new float[forget.Count * dim];
        var direction = new double[dim];
        for (var i = 0; i < forget.Count; i++)
        {
            var rng = new Data.Internal.Xoshiro256(unchecked((ulong)seed), (ulong)forget.Labels[i]);
            var length = 0.0;
            for (var j = 0; j < dim; j++)
            {
                direction[j] = rng.NextNormal();
                length += direction[j] * direction[j];
            }

            var scale = norm / Math.Max(Math.Sqrt(length), 1e-12);
            for (var j = 0; j < dim; j++) targets[i * dim + j] = (float)(forget.Features![i * dim + j] + scale * direction[j]);
        }

        return targets;
    }

    private static double Square(double x) => x * x;
}
