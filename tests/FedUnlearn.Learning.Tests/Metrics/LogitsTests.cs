using FedUnlearn.Learning.Metrics;

namespace FedUnlearn.Learning.Tests.Metrics;

public class LogitsTests
{
    [Fact]
    public void EntropyAndCrossEntropy_UniformLogits_AreLnK()
    {
        float[] logits = [0.7f, 0.7f, 0.7f, 0.7f, -3f, -3f, -3f, -3f];

        var entropy = Logits.Entropy(logits, 4);
        var loss = Logits.CrossEntropy(logits, [2, 0], 4);

        Assert.All(entropy, h => Assert.Equal(Math.Log(4), h, 12));
        Assert.All(loss, l => Assert.Equal(Math.Log(4), l, 12));
    }

    [Fact]
    public void CrossEntropy_HandComputedRows_MatchClosedForm()
    {
        // Row 0: [2, 0, 0] label 0 → log(1 + 2e^-2) = 0.23954476622188453 (python math.log).
        // Row 1: same logits, label 1 → 2 + log(1 + 2e^-2).
        float[] logits = [2f, 0f, 0f, 2f, 0f, 0f];

        var loss = Logits.CrossEntropy(logits, [0, 1], 3);

        Assert.Equal(0.23954476622188453, loss[0], 12);
        Assert.Equal(2.23954476622188453, loss[1], 12);
    }

    [Fact]
    public void CrossEntropy_ConfidentCorrectRow_KeepsTinyLossPrecision()
    {
        // log1p(e^-30) = 9.357622968839737e-14 (python math.log1p); a float log-sum-exp would give 0.
        var loss = Logits.CrossEntropy([30f, 0f], [0], 2);

        Assert.Equal(9.357622968839737e-14, loss[0], 1e-20);
    }

    [Fact]
    public void CrossEntropy_HugeLogits_StaysFinite()
    {
        var loss = Logits.CrossEntropy([1000f, 0f, -1000f, 1000f], [1, 0], 2);

        Assert.Equal(1000, loss[0], 9);
        Assert.Equal(2000, loss[1], 9);
    }

    [Fact]
    public void Entropy_ThreeToOneOdds_MatchesClosedForm()
    {
        // p = (0.75, 0.25): H = 0.5623351446188083 (python).
        var entropy = Logits.Entropy([MathF.Log(3f), 0f], 2);

        Assert.Equal(0.5623351446188083, entropy[0], 6);
    }

    [Fact]
    public void Entropy_ConfidentRow_IsNearZeroAndNotNegative()
    {
        var entropy = Logits.Entropy([80f, 0f, 0f], 3);

        Assert.InRange(entropy[0], 0, 1e-30);
    }

    [Fact]
    public void Softmax_KnownAndHugeRows_AreStableProbabilities()
    {
        var p = Logits.Softmax([MathF.Log(3f), 0f, 1000f, 1000f], 2);

        Assert.Equal(0.75f, p[0], 6);
        Assert.Equal(0.25f, p[1], 6);
        Assert.Equal(0.5f, p[2]);
        Assert.Equal(0.5f, p[3]);
    }

    [Fact]
    public void Predict_TiesAndOrdinaryRows_TakeFirstArgMax()
    {
        var predicted = Logits.Predict([1f, 3f, 3f, 5f, -1f, 0f], 3);

        Assert.Equal([1, 0], predicted);
    }

    [Fact]
    public void CrossEntropy_NaNLogit_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Logits.CrossEntropy([0f, float.NaN], [0], 2));

        Assert.Contains("index 1", error.Message);
    }

    [Fact]
    public void CrossEntropy_BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => Logits.CrossEntropy([0f, 1f, 2f], [0], 2));
        Assert.Throws<ArgumentException>(() => Logits.CrossEntropy([0f, 1f], [0, 1], 2));
        var outOfRange = Assert.Throws<ArgumentException>(() => Logits.CrossEntropy([0f, 1f], [2], 2));
        Assert.Contains("outside [0, 2)", outOfRange.Message);
    }
}
