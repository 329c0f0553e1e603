using FedUnlearn.Rpc.Internal;

namespace FedUnlearn.Rpc.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, long> Units => new()
    {
        { "2H", TimeSpan.FromHours(2).Ticks },
        { "3M", TimeSpan.FromMinutes(3).Ticks },
        { "10S", TimeSpan.FromSeconds(10).Ticks },
        { "250m", TimeSpan.FromMilliseconds(250).Ticks },
        { "1500u", 15_000 },
        { "99999999n", 999_999 },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Parse_EveryUnit_ExactDuration(string header, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void Parse_Malformed_Null(string? header) => Assert.Null(GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(1, "1u")]
    [InlineData(10_000_000, "1000000u")]
    [InlineData(36_000_000_000, "3600000m")]
    public void Format_FinestUnitThatFits(long ticks, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Format_NeverShortensTheTimeout()
    {
        foreach (TimeSpan timeout in new[] { TimeSpan.FromTicks(123_456_789_123), TimeSpan.FromDays(400), TimeSpan.FromMilliseconds(1.23) })
        {
            Assert.True(GrpcTimeout.Parse(GrpcTimeout.Format(timeout)) >= timeout, timeout.ToString());
            Assert.True(GrpcTimeout.Format(timeout).Length <= 9);
        }
    }
}
