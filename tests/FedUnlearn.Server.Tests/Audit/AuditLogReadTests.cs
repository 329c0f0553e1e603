using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Audit.Support;

namespace FedUnlearn.Server.Tests.Audit;

public sealed class AuditLogReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AuditSigningKey _key = AuditSigningKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task ReadAllAsync_ReturnsEveryRecordAsAppended()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        var appended = await AuditFixtures.AppendManyAsync(log, 5);
        var special = await log.AppendAsync(AuditKinds.ForgetFailed, null, new AuditBody
        {
            Request = new AuditRequestSummary(AuditScopeKind.Class) { ClassLabel = -3, Reason = "ünïcode \"quoted\"\n😀" },
            Metrics = new Dictionary<string, double>
            {
                ["nan"] = double.NaN, ["neg_zero"] = -0.0, ["inf"] = double.NegativeInfinity,
                ["subnormal"] = double.Epsilon, ["max"] = double.MaxValue, ["third"] = 1.0 / 3,
            },
            Fields = new Dictionary<string, string> { ["empty"] = "", ["why"] = "timeout <after> 3 rounds & 'then' some" },
        });

        var read = new List<AuditRecord>();
        await foreach (var r in log.ReadAllAsync()) read.Add(r);

        Assert.Equal(6, read.Count);
        for (var i = 0; i < 5; i++) AssertSame(appended[i], read[i]);
        AssertSame(special, read[5]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read[5].Body.Metrics["neg_zero"]));
        Assert.True(double.IsNaN(read[5].Body.Metrics["nan"]));
        Assert.Equal(1.0 / 3, read[5].Body.Metrics["third"]);
        Assert.Equal(double.Epsilon, read[5].Body.Metrics["subnormal"]);
    }

    [Fact]
    public async Task ReadPageAsync_ReturnsTheRequestedRange()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        await AuditFixtures.AppendManyAsync(log, 10);

        Assert.Equal([4L, 5, 6], (await log.ReadPageAsync(4, 3)).Select(r => r.Sequence));
        Assert.Equal([9L, 10], (await log.ReadPageAsync(9, 5)).Select(r => r.Sequence));
        Assert.Empty(await log.ReadPageAsync(11, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadPageAsync(0, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadPageAsync(1, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadPageAsync(1, AuditLog.MaxPageSize + 1));
    }

    [Fact]
    public async Task ReadAllAsync_GarbageLine_ThrowsCorruptWithLineNumber()
    {
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key))
            await AuditFixtures.AppendManyAsync(log, 3);
        var path = _dir.File(AuditLog.FileName);
        var lines = AuditFixtures.ReadLines(path);
        lines[1] = "not json";
        AuditFixtures.WriteLines(path, lines);

        await using var reopened = await AuditFixtures.OpenAsync(_dir.Path, _key);
        var e = await Assert.ThrowsAsync<AuditLogCorruptException>(async () =>
        {
            await foreach (var _ in reopened.ReadAllAsync()) { }
        });
        Assert.Contains("line 2", e.Message);
    }

    private static void AssertSame(AuditRecord expected, AuditRecord actual)
    {
        Assert.Equal(expected with { Body = actual.Body }, actual);
        Assert.Equal(expected.Body with { Request = null, Metrics = actual.Body.Metrics, Fields = actual.Body.Fields },
            actual.Body with { Request = null });
        Assert.Equal(expected.Body.Request, actual.Body.Request);
        Assert.Equal(expected.Body.Metrics.OrderBy(m => m.Key), actual.Body.Metrics.OrderBy(m => m.Key));
        Assert.Equal(expected.Body.Fields.OrderBy(m => m.Key), actual.Body.Fields.OrderBy(m => m.Key));
    }
}
