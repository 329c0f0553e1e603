using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Audit.Support;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Tests.Audit;

/// <summary>What OpenAsync does with the tail a crash can leave.</summary>
public sealed class AuditLogRecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AuditSigningKey _key = AuditSigningKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    private string LogFile => _dir.File(AuditLog.FileName);

    private async Task<IReadOnlyList<AuditRecord>> WriteAsync(int count)
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        return await AuditFixtures.AppendManyAsync(log, count);
    }

    [Fact]
    public async Task OpenAsync_TornLastLine_TruncatesItWithWarningAndContinues()
    {
        var records = await WriteAsync(3);
        var acknowledged = new FileInfo(LogFile).Length;
        var torn = AuditFixtures.ReadLines(LogFile)[2][..57]; // what a crash mid-write leaves
        await File.AppendAllTextAsync(LogFile, torn);
        var logger = new ListLogger();

        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key, logger: logger))
        {
            Assert.Equal(57, log.RepairedTailBytes);
            Assert.Equal(3, log.LastSequence);
            Assert.Equal(records[2].Hash, log.HeadHash);
            Assert.Equal(acknowledged, new FileInfo(LogFile).Length);
            Assert.Equal(4, (await log.AppendAsync(AuditKinds.ForgetAccepted, "t", new AuditBody())).Sequence);
        }

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(4004, warning.EventId);
        Assert.Contains("57 bytes", warning.Message);
        Assert.True((await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem)).IsValid);
    }

    [Fact]
    public async Task OpenAsync_OnlyATornFirstLine_StartsFromGenesis()
    {
        await File.WriteAllTextAsync(LogFile, "{\"body\":{\"adapt");

        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);

        Assert.Equal(0, log.LastSequence);
        Assert.Equal(AuditRecord.GenesisHash, log.HeadHash);
        Assert.Equal(0, new FileInfo(LogFile).Length);
    }

    [Fact]
    public async Task OpenAsync_CompleteRecordMissingOnlyItsNewline_KeepsIt()
    {
        var records = await WriteAsync(3);
        using (var stream = new FileStream(LogFile, FileMode.Open))
            stream.SetLength(stream.Length - 1);
        var logger = new ListLogger();

        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key, logger: logger))
        {
            Assert.Equal(3, log.LastSequence);
            Assert.Equal(records[2].Hash, log.HeadHash);
            Assert.True(log.RepairedTailBytes > 0);
            Assert.Equal(4, (await log.AppendAsync(AuditKinds.ForgetAccepted, "t", new AuditBody())).Sequence);
        }

        Assert.Equal(4007, Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).EventId);
        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(4, result.RecordCount);
    }

    [Fact]
    public async Task OpenAsync_UnterminatedRecordThatDoesNotLink_IsTruncated()
    {
        await WriteAsync(3);
        var lines = AuditFixtures.ReadLines(LogFile);
        // A valid record 2 again after record 3: complete, signed, but not the next link.
        await File.AppendAllTextAsync(LogFile, lines[1]);

        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);

        Assert.Equal(3, log.LastSequence);
        Assert.Equal(lines[1].Length, log.RepairedTailBytes);
        Assert.Equal(3, AuditFixtures.ReadLines(LogFile).Count);
    }
}
