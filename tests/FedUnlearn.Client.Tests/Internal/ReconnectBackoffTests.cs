using FedUnlearn.Client.Internal;

namespace FedUnlearn.Client.Tests.Internal;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delay_WithoutJitter_DoublesUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), jitter: false, new Random(1));

        var delays = Enumerable.Range(1, 6).Select(n => backoff.Delay(n).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void Delay_WithJitter_StaysBetweenHalfAndAllOfTheCeilingAndVaries()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: true, new Random(42));

        var samples = Enumerable.Range(0, 200).Select(_ => backoff.Delay(4).TotalSeconds).ToArray();

        Assert.All(samples, s => Assert.InRange(s, 4.0, 8.0));
        Assert.True(samples.Distinct().Count() > 150, "jittered delays should differ between clients");
        Assert.InRange(samples.Average(), 5.7, 6.3);
    }

    [Fact]
    public void Delay_ManyFailures_DoesNotOverflow()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: false, new Random(1));

        Assert.Equal(TimeSpan.FromMinutes(1), backoff.Delay(10_000));
    }
}
