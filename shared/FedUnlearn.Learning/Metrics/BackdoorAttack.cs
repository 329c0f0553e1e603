using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Metrics;

/// <summary>Computes the backdoor attack success rate (ASR) on triggered samples.</summary>
public static class BackdoorAttack
{
    /// <summary>ASR from predicted classes of triggered samples and their true (clean) labels.</summary>
    /// <remarks>Samples whose true class is already the target are left out: predicting the target there is no success of the trigger.</remarks>
    /// <exception cref="ArgumentException">Lengths differ, a class index is outside [0, classCount), or no sample has a true class other than the target.</exception>
    public static BackdoorResult SuccessRate(ReadOnlySpan<int> predicted, ReadOnlySpan<int> trueLabels, int targetClass, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)targetClass, (uint)classCount, nameof(targetClass));
        MetricGuard.Labels(trueLabels, trueLabels.Length, classCount, nameof(trueLabels));
        MetricGuard.Labels(predicted, trueLabels.Length, classCount, nameof(predicted), "predictions");
        int eligible = 0, hits = 0;
        for (var i = 0; i < trueLabels.Length; i++)
        {
            if (trueLabels[i] == targetClass) continue;
            eligible++;
            if (predicted[i] == targetClass) hits++;
        }
        if (eligible == 0)
            throw new ArgumentException($"No triggered sample has a true class other than the target {targetClass}; the success rate is undefined.", nameof(trueLabels));
        return new BackdoorResult(targetClass, eligible, hits);
    }

    /// <summary>ASR from row-major [n, classCount] logits of triggered samples (prediction = arg-max).</summary>
    /// <exception cref="ArgumentException">As <see cref="SuccessRate(ReadOnlySpan{int}, ReadOnlySpan{int}, int, int)"/>, or a logit is not finite.</exception>
    public static BackdoorResult SuccessRateFromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<int> trueLabels, int targetClass, int classCount) =>
        SuccessRate(Logits.Predict(logits, classCount), trueLabels, targetClass, classCount);
}
