using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Audit.Support;

namespace FedUnlearn.Server.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AuditSigningKey _key = AuditSigningKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    private string LogFile => _dir.File(AuditLog.FileName);

    [Fact]
    public async Task AppendAsync_ManyRecords_ChainsAndVerifiesWhileOpen()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        var records = await AuditFixtures.AppendManyAsync(log, 20);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(AuditRecord.GenesisHash, records[0].PreviousHash);
        for (var i = 1; i < records.Count; i++) Assert.Equal(records[i - 1].Hash, records[i].PreviousHash);
        Assert.All(records, r => Assert.Equal(_key.KeyId, r.KeyId));
        Assert.Equal(20, log.LastSequence);
        Assert.Equal(records[^1].Hash, log.HeadHash);
        Assert.Equal(records.Select(r => r.ToCanonicalJson()), AuditFixtures.ReadLines(LogFile));

        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(20, result.RecordCount);
        Assert.Equal(records[^1].Hash, result.HeadHash);
    }

    [Fact]
    public async Task AppendAsync_UsesTimeProvider()
    {
        var time = new ManualTimeProvider(AuditFixtures.Start.AddTicks(1234567));
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key, time);
        var first = await log.AppendAsync(AuditKinds.ForgetAccepted, "t", new AuditBody());
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await log.AppendAsync(AuditKinds.ForgetCompleted, "t", new AuditBody());

        Assert.Equal(AuditFixtures.Start.AddTicks(1234567), first.RecordedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), second.RecordedAt - first.RecordedAt);
        Assert.Contains("\"recorded_at\":\"2025-03-14T09:26:53.1234567Z\"", File.ReadAllText(LogFile));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentTasks_ProduceValidChainWithUniqueSequences()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var mine = new List<AuditRecord>();
            for (var i = 0; i < 25; i++)
                mine.Add(await log.AppendAsync(AuditKinds.ForgetCompleted, $"task-{t}-{i}", AuditFixtures.Body(i)));
            return mine;
        }));
        var all = (await Task.WhenAll(tasks)).SelectMany(r => r).ToList();

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Select(r => r.Sequence).Order());
        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(200, result.RecordCount);
    }

    [Fact]
    public async Task OpenAsync_AfterRestart_ContinuesChain()
    {
        IReadOnlyList<AuditRecord> before;
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key))
            before = await AuditFixtures.AppendManyAsync(log, 3);

        await using var reopened = await AuditFixtures.OpenAsync(_dir.Path, _key);
        Assert.Equal(3, reopened.LastSequence);
        Assert.Equal(before[2].Hash, reopened.HeadHash);
        Assert.Equal(0, reopened.RepairedTailBytes);
        var next = await reopened.AppendAsync(AuditKinds.ClientRemoved, null, new AuditBody());

        Assert.Equal(4, next.Sequence);
        Assert.Equal(before[2].Hash, next.PreviousHash);
        Assert.Equal(4, (await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem)).RecordCount);
    }

    [Fact]
    public async Task OpenAsync_SecondInstanceWhileOpen_ThrowsClearly()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        var e = await Assert.ThrowsAsync<IOException>(() => AuditFixtures.OpenAsync(_dir.Path, _key));
        Assert.Contains("already open", e.Message);
    }

    [Fact]
    public async Task OpenAsync_LastRecordTampered_RefusesToContinue()
    {
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key))
            await AuditFixtures.AppendManyAsync(log, 3);
        var lines = AuditFixtures.ReadLines(LogFile);
        lines[2] = lines[2].Replace("\"operator\":\"alice\"", "\"operator\":\"mallory\"");
        AuditFixtures.WriteLines(LogFile, lines);

        var e = await Assert.ThrowsAsync<AuditLogCorruptException>(() => AuditFixtures.OpenAsync(_dir.Path, _key));
        Assert.Contains(nameof(AuditFailureKind.HashMismatch), e.Message);
        Assert.Equal(LogFile, e.LogPath);
    }

    [Fact]
    public async Task OpenAsync_WithAnotherSigningKey_RefusesToContinue()
    {
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key))
            await AuditFixtures.AppendManyAsync(log, 2);
        using var other = AuditSigningKey.Generate();

        var e = await Assert.ThrowsAsync<AuditLogCorruptException>(() => AuditFixtures.OpenAsync(_dir.Path, other));
        Assert.Contains(nameof(AuditFailureKind.UnknownKeyId), e.Message);
    }

    [Fact]
    public async Task AppendAsync_InvalidInput_ThrowsAndWritesNothing()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("Forget Completed", "t", new AuditBody()));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("forget", "t", new AuditBody()));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(AuditKinds.ForgetFailed, "", new AuditBody()));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(AuditKinds.ForgetFailed, "t",
            new AuditBody { Metrics = new Dictionary<string, double> { ["forget accuracy"] = 1 } }));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(AuditKinds.ForgetFailed, "t",
            new AuditBody { AdapterHashAfter = "ABCD" }));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(AuditKinds.ForgetFailed, "t",
            new AuditBody { Fields = new Dictionary<string, string> { ["why"] = "lone \ud800 surrogate" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(AuditKinds.ForgetFailed, "t",
            new AuditBody { Request = new AuditRequestSummary(AuditScopeKind.Samples) { SampleCount = -1 } }));

        Assert.Equal(0, log.LastSequence);
        Assert.Equal(0, new FileInfo(LogFile).Length);
    }

    [Fact]
    public async Task AppendAsync_CanceledToken_WritesNothing()
    {
        await using var log = await AuditFixtures.OpenAsync(_dir.Path, _key);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.AppendAsync(AuditKinds.ForgetAccepted, "t", new AuditBody(), cts.Token));
        Assert.Equal(0, new FileInfo(LogFile).Length);
        Assert.Equal(1, (await log.AppendAsync(AuditKinds.ForgetAccepted, "t", new AuditBody())).Sequence);
    }
}
