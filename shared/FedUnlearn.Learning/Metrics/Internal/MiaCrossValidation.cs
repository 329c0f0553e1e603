using System.Runtime.InteropServices;

namespace FedUnlearn.Learning.Metrics.Internal;

/// <summary>
/// The attack's protocol: equalise the two sets by seeded subsampling, split each into stratified
/// folds, then for every fold fit <see cref="LogisticRegression1D"/> on the other folds and score it
/// on the held-out one.
/// </summary>
internal static class MiaCrossValidation
{
    public static MiaResult Run(ReadOnlySpan<double> members, ReadOnlySpan<double> nonMembers, string feature, MiaOptions options)
    {
        var n = Math.Min(members.Length, nonMembers.Length);
        // One stream for the whole protocol: the same inputs and seed always give the same folds.
        var random = new SplitMix64(unchecked((ulong)options.Seed));
        var memberPick = StratifiedFolds.Subsample(members.Length, n, ref random);
        var nonMemberPick = StratifiedFolds.Subsample(nonMembers.Length, n, ref random);
        var memberFold = StratifiedFolds.Assign(n, options.Folds, ref random);
        var nonMemberFold = StratifiedFolds.Assign(n, options.Folds, ref random);

        // Pooled layout: [0, n) members, [n, 2n) non-members.
        var x = new double[2 * n];
        var isMember = new bool[2 * n];
        var fold = new int[2 * n];
        for (var i = 0; i < n; i++)
        {
            x[i] = members[memberPick[i]];
            isMember[i] = true;
            fold[i] = memberFold[i];
            x[n + i] = nonMembers[nonMemberPick[i]];
            fold[n + i] = nonMemberFold[i];
        }

        var accuracies = new double[options.Folds];
        var trainX = new List<double>(2 * n);
        var trainY = new List<bool>(2 * n);
        for (var k = 0; k < options.Folds; k++)
        {
            trainX.Clear();
            trainY.Clear();
            for (var i = 0; i < x.Length; i++)
            {
                if (fold[i] == k) continue;
                trainX.Add(x[i]);
                trainY.Add(isMember[i]);
            }
            var model = LogisticRegression1D.Fit(
                CollectionsMarshal.AsSpan(trainX),
                CollectionsMarshal.AsSpan(trainY),
                options.L2Penalty);

            int tested = 0, correct = 0;
            for (var i = 0; i < x.Length; i++)
            {
                if (fold[i] != k) continue;
                tested++;
                if (model.PredictMember(x[i]) == isMember[i]) correct++;
            }
            accuracies[k] = (double)correct / tested;
        }
        return new MiaResult(feature, accuracies.Average(), accuracies, n, n);
    }
}
