using FedUnlearn.Server.Aggregation.Internal;

namespace FedUnlearn.Server.Tests.Aggregation;

public class CoordinateSelectionTests
{
    [Fact]
    public void Select_RandomArraysWithDuplicates_MatchesSortedOrder()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(1, 80);
            // Few distinct values, so that pivots collide with equal elements.
            var values = Enumerable.Range(0, n).Select(_ => (float)random.Next(-5, 6)).ToArray();
            var k = random.Next(n);
            var sorted = values.Order().ToArray();

            var selected = CoordinateSelection.Select(values, k);

            Assert.Equal(sorted[k], selected);
            Assert.All(values[..k], v => Assert.True(v <= selected));
            Assert.All(values[(k + 1)..], v => Assert.True(v >= selected));
            Assert.Equal(sorted, values.Order().ToArray());
        }
    }

    [Fact]
    public void Median_EvenAndOddLengths_MatchSortedDefinition()
    {
        var random = new Random(4);
        for (var n = 1; n < 40; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
            var sorted = values.Order().ToArray();
            var expected = n % 2 == 1 ? sorted[n / 2] : (float)(((double)sorted[n / 2 - 1] + sorted[n / 2]) / 2);

            Assert.Equal(expected, CoordinateSelection.Median(values));
        }
    }

    [Fact]
    public void TrimmedMean_TrimTooLarge_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CoordinateSelection.TrimmedMean(new float[4], 2));
}
