using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Federated.Internal;
using FedUnlearn.Learning.Tests.Support;

namespace FedUnlearn.Learning.Tests.Federated.Internal;

public sealed class EvaluationSubsampleTests
{
    [Fact]
    public void Cap_LargerSet_PicksDistinctSamplesInDatasetOrderFromTheSeed()
    {
        var data = TinyTask.Train;

        var picked = EvaluationSubsample.Cap(data, 100, seed: 7, stream: 2)!.GetIds();
        var again = EvaluationSubsample.Cap(data, 100, seed: 7, stream: 2)!.GetIds();
        var otherStream = EvaluationSubsample.Cap(data, 100, seed: 7, stream: 3)!.GetIds();
        var otherSeed = EvaluationSubsample.Cap(data, 100, seed: 8, stream: 2)!.GetIds();

        Assert.Equal(100, picked.Distinct().Count());
        var positions = picked.Select(id => Array.IndexOf(data.GetIds(), id)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(picked, again);
        Assert.NotEqual(picked, otherStream);
        Assert.NotEqual(picked, otherSeed);
        // Uniform over the whole set, not its head: some picks fall in the last quarter.
        Assert.Contains(positions, p => p >= data.Count * 3 / 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600)]
    [InlineData(1000)]
    public void Cap_NoCapOrASetNoLargerThanIt_ReturnsTheSetItself(int max)
    {
        Assert.Same(TinyTask.Train, EvaluationSubsample.Cap(TinyTask.Train, max, seed: 1, stream: 1));
        Assert.Null(EvaluationSubsample.Cap(null, max, seed: 1, stream: 1));
    }
}
