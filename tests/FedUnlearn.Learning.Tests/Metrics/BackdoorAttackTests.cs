using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Tests.Metrics;

public class BackdoorAttackTests
{
    [Fact]
    public void SuccessRate_HandExample_ExcludesTargetClassSamples()
    {
        // Target 3. Sample 1 is truly class 3 and is left out; of the other four, samples 0 and 3 hit.
        var result = BackdoorAttack.SuccessRate([3, 3, 1, 3, 0], [0, 3, 1, 2, 0], targetClass: 3, classCount: 4);

        Assert.Equal(new BackdoorResult(3, 4, 2), result);
        Assert.Equal(0.5, result.SuccessRate);
    }

    [Fact]
    public void SuccessRateFromLogits_ArgMaxPredictions_CountHits()
    {
        float[] logits =
        [
            0f, 5f, // predicted 1 (target), true 0 → hit
            4f, 1f, // predicted 0, true 0 → miss
            0f, 2f, // true 1 = target → excluded
        ];

        var result = BackdoorAttack.SuccessRateFromLogits(logits, [0, 0, 1], targetClass: 1, classCount: 2);

        Assert.Equal(2, result.EligibleCount);
        Assert.Equal(0.5, result.SuccessRate);
    }

    [Fact]
    public void SuccessRate_NoEligibleOrBadInput_Throws()
    {
        var none = Assert.Throws<ArgumentException>(() => BackdoorAttack.SuccessRate([2, 2], [2, 2], 2, 3));
        Assert.Contains("undefined", none.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BackdoorAttack.SuccessRate([0], [1], 3, 3));
        Assert.Throws<ArgumentException>(() => BackdoorAttack.SuccessRate([0, 1], [1], 0, 3));
    }
}
