using FedUnlearn.Learning.Metrics;
using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Tests.Metrics;

public class MembershipInferenceTests
{
    /// <summary>Exponential draws with the given mean, plus a shift; seeded so every run sees the same numbers.</summary>
    private static double[] Exponential(int count, double mean, ulong seed, double shift = 0)
    {
        var random = new SplitMix64(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u = (random.Next() >> 11) * (1.0 / (1UL << 53));
            values[i] = shift - mean * Math.Log(1 - u);
        }
        return values;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Attack_SameDistribution_AccuracyNearHalf(int seed)
    {
        var members = Exponential(2000, 0.5, 100 + (ulong)seed);
        var nonMembers = Exponential(2000, 0.5, 200 + (ulong)seed);

        var result = MembershipInference.Attack(members, nonMembers, MembershipInference.LossFeature, new MiaOptions { Seed = seed });

        Assert.InRange(result.Accuracy, 0.45, 0.55);
        Assert.Equal(5, result.FoldAccuracies.Count);
        Assert.Equal(result.FoldAccuracies.Average(), result.Accuracy, 12);
    }

    [Fact]
    public void Attack_OverfitLosses_AccuracyNearBayesOptimum()
    {
        // Members: loss ~ Exp(mean 0.1) (memorised); non-members: loss ~ Exp(mean 1). The log-odds are
        // linear in the loss, so the logistic model is exact and its threshold ln(10)/9 gives the
        // Bayes accuracy ½(1 − e^-2.558) + ½e^-0.2558 = 0.8487.
        var members = Exponential(2000, 0.1, 1);
        var nonMembers = Exponential(2000, 1.0, 2);

        var result = MembershipInference.Attack(members, nonMembers, MembershipInference.LossFeature);

        Assert.InRange(result.Accuracy, 0.82, 0.875);
        Assert.All(result.FoldAccuracies, a => Assert.True(a > 0.78, $"fold accuracy {a}"));
        Assert.Equal(2000, result.MemberCount);
        Assert.Equal(2000, result.NonMemberCount);
    }

    [Fact]
    public void Attack_ShiftedNonMemberLosses_AlmostPerfect()
    {
        var members = Exponential(500, 0.05, 3);
        var nonMembers = Exponential(500, 1.0, 4, shift: 0.4);

        var result = MembershipInference.Attack(members, nonMembers, MembershipInference.LossFeature);

        // Only members above 0.4 (e^-8 ≈ 0.03%) can be misread.
        Assert.True(result.Accuracy > 0.99, $"accuracy {result.Accuracy}");
    }

    [Fact]
    public void Attack_UnequalSets_SubsamplesLargerToSmaller()
    {
        var members = Exponential(123, 0.1, 5);
        var nonMembers = Exponential(2000, 1.0, 6);

        var result = MembershipInference.Attack(members, nonMembers, "loss");

        Assert.Equal(123, result.MemberCount);
        Assert.Equal(123, result.NonMemberCount);
    }

    [Fact]
    public void Attack_SameSeed_IdenticalResult_OtherSeed_OtherFolds()
    {
        var members = Exponential(300, 0.3, 7);
        var nonMembers = Exponential(900, 1.0, 8);

        var a = MembershipInference.Attack(members, nonMembers, "loss", new MiaOptions { Seed = 42 });
        var b = MembershipInference.Attack(members, nonMembers, "loss", new MiaOptions { Seed = 42 });
        var c = MembershipInference.Attack(members, nonMembers, "loss", new MiaOptions { Seed = 43 });

        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a.FoldAccuracies, b.FoldAccuracies);
        Assert.NotEqual(a.FoldAccuracies, c.FoldAccuracies);
    }

    [Fact]
    public void Attack_ConstantScores_ExactlyHalf()
    {
        var same = Enumerable.Repeat(0.7, 100).ToArray();

        var result = MembershipInference.Attack(same, same, "loss");

        Assert.Equal(0.5, result.Accuracy);
        Assert.Equal(0, result.FoldStandardDeviation);
    }

    [Fact]
    public void AttackOnLossAndEntropy_ConfidentMembers_DetectMembership()
    {
        // Members: logits confident in the true class; non-members: diffuse logits.
        var random = new SplitMix64(9);
        float[] Make(int n, float margin, int[] labels)
        {
            var logits = new float[n * 3];
            for (var i = 0; i < n; i++)
            {
                labels[i] = i % 3;
                for (var j = 0; j < 3; j++)
                    logits[i * 3 + j] = (float)((random.Next() >> 11) * (1.0 / (1UL << 53))) + (j == labels[i] ? margin : 0);
            }
            return logits;
        }
        int[] memberLabels = new int[60], nonMemberLabels = new int[60];
        var memberLogits = Make(60, 8f, memberLabels);
        var nonMemberLogits = Make(60, 0.5f, nonMemberLabels);

        var loss = MembershipInference.AttackOnLoss(memberLogits, memberLabels, nonMemberLogits, nonMemberLabels, 3);
        var entropy = MembershipInference.AttackOnEntropy(memberLogits, nonMemberLogits, 3);

        Assert.Equal(MembershipInference.LossFeature, loss.Feature);
        Assert.Equal(MembershipInference.EntropyFeature, entropy.Feature);
        Assert.Equal(1.0, loss.Accuracy);
        Assert.Equal(1.0, entropy.Accuracy);
    }

    [Fact]
    public void Attack_DegenerateInputs_ThrowClearErrors()
    {
        var ok = Exponential(10, 1, 10);

        var empty = Assert.Throws<ArgumentException>(() => MembershipInference.Attack([], ok, "loss"));
        Assert.Contains("No member samples", empty.Message);
        var few = Assert.Throws<ArgumentException>(() => MembershipInference.Attack(ok, ok.AsSpan(0, 4), "loss"));
        Assert.Contains("Only 4 non-member samples", few.Message);
        var nan = Assert.Throws<ArgumentException>(() => MembershipInference.Attack(ok, [1, 2, double.NaN, 4, 5], "loss"));
        Assert.Contains("index 2", nan.Message);
        Assert.Throws<ArgumentException>(() => MembershipInference.Attack([1, 2, 3, 4, double.PositiveInfinity], ok, "loss"));
        Assert.ThrowsAny<ArgumentException>(() => MembershipInference.Attack(ok, ok, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => MembershipInference.Attack(ok, ok, "loss", new MiaOptions { Folds = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MembershipInference.Attack(ok, ok, "loss", new MiaOptions { L2Penalty = 0 }));
    }

    [Fact]
    public void HasEnoughSamples_FollowsFoldCount()
    {
        Assert.True(MembershipInference.HasEnoughSamples(5, 5));
        Assert.False(MembershipInference.HasEnoughSamples(4, 500));
        Assert.True(MembershipInference.HasEnoughSamples(3, 3, new MiaOptions { Folds = 3 }));
    }
}
