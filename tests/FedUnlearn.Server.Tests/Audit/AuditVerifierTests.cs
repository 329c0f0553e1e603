using System.Security.Cryptography;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Audit.Internal;
using FedUnlearn.Server.Tests.Audit.Support;

namespace FedUnlearn.Server.Tests.Audit;

public sealed class AuditVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AuditSigningKey _key = AuditSigningKey.Generate();

    public void Dispose()
    {
        _key.Dispose();
        _dir.Dispose();
    }

    private string LogFile => _dir.File(AuditLog.FileName);

    private async Task<List<string>> WriteAsync(int count)
    {
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, _key))
            await AuditFixtures.AppendManyAsync(log, count);
        return AuditFixtures.ReadLines(LogFile);
    }

    private async Task<AuditFailure> VerifyFailsAsync(IEnumerable<string> lines, long expectedCount)
    {
        AuditFixtures.WriteLines(LogFile, lines);
        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.False(result.IsValid);
        Assert.Equal(expectedCount, result.RecordCount);
        return result.Failure!;
    }

    [Theory]
    [InlineData("\"method\":\"rfa\"", "\"method\":\"rfb\"")]
    [InlineData("\"operator\":\"alice\"", "\"operator\":\"bob\"")]
    [InlineData("\"kind\":\"forget.accepted\"", "\"kind\":\"forget.failed\"")]
    [InlineData("\"sample_count\":15", "\"sample_count\":1")]
    public async Task VerifyAsync_OneFieldOfRecordKEdited_HashMismatchAtK(string from, string to)
    {
        var lines = await WriteAsync(7);
        Assert.Contains(from, lines[4]);
        lines[4] = lines[4].Replace(from, to);

        var failure = await VerifyFailsAsync(lines, expectedCount: 4);

        Assert.Equal((AuditFailureKind.HashMismatch, 5L, 5L), (failure.Kind, failure.Sequence, failure.LineNumber));
        Assert.Contains("altered", failure.Reason);
    }

    [Fact]
    public async Task VerifyAsync_RecordDeleted_ChainBrokenAtTheNextOne()
    {
        var lines = await WriteAsync(7);
        lines.RemoveAt(3);

        var failure = await VerifyFailsAsync(lines, expectedCount: 3);

        Assert.Equal((AuditFailureKind.ChainBroken, 5L, 4L), (failure.Kind, failure.Sequence, failure.LineNumber));
        Assert.Contains("removed", failure.Reason);
    }

    [Fact]
    public async Task VerifyAsync_FirstRecordDeleted_ChainBrokenAtGenesis()
    {
        var lines = await WriteAsync(3);
        lines.RemoveAt(0);

        var failure = await VerifyFailsAsync(lines, expectedCount: 0);

        Assert.Equal((AuditFailureKind.ChainBroken, 2L, 1L), (failure.Kind, failure.Sequence, failure.LineNumber));
        Assert.Contains("genesis", failure.Reason);
    }

    [Fact]
    public async Task VerifyAsync_TwoRecordsSwapped_ChainBrokenAtTheFirstMovedOne()
    {
        var lines = await WriteAsync(6);
        (lines[2], lines[3]) = (lines[3], lines[2]);

        var failure = await VerifyFailsAsync(lines, expectedCount: 2);

        Assert.Equal((AuditFailureKind.ChainBroken, 4L, 3L), (failure.Kind, failure.Sequence, failure.LineNumber));
    }

    [Fact]
    public async Task VerifyAsync_RecordEditedAndRehashedWithoutKey_SignatureInvalid()
    {
        var lines = await WriteAsync(5);
        lines[2] = AuditFixtures.Rehash(lines[2], r => r["body"]!["method"] = "finetune");

        var failure = await VerifyFailsAsync(lines, expectedCount: 2);

        Assert.Equal((AuditFailureKind.SignatureInvalid, 3L), (failure.Kind, failure.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_RecordSignedByAnotherKeyUnderOurKeyId_SignatureInvalid()
    {
        var lines = await WriteAsync(3);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        lines[1] = AuditFixtures.Rehash(lines[1], r => r["body"]!["rounds"] = 9);
        var node = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!;
        node["signature"] = Convert.ToHexStringLower(attacker.SignHash(Convert.FromHexString((string)node["hash"]!),
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        lines[1] = node.ToJsonString();

        var failure = await VerifyFailsAsync(lines, expectedCount: 1);

        Assert.Equal((AuditFailureKind.SignatureInvalid, 2L), (failure.Kind, failure.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_DifferentPublicKey_FailsOnRecordOne()
    {
        await WriteAsync(3);
        using var other = AuditSigningKey.Generate();

        var result = await AuditVerifier.VerifyAsync(LogFile, other.PublicKeyPem);

        Assert.Equal((AuditFailureKind.UnknownKeyId, 1L, 0L), (result.Failure!.Kind, result.Failure.Sequence, result.RecordCount));
        Assert.Contains(_key.KeyId, result.Failure.Reason);
        Assert.Contains(other.KeyId, result.Failure.Reason);
    }

    [Fact]
    public async Task VerifyAsync_GarbageLine_UnparsableAtThatLine()
    {
        var lines = await WriteAsync(4);
        lines[2] = "{\"sequence\":3,";

        var failure = await VerifyFailsAsync(lines, expectedCount: 2);

        Assert.Equal((AuditFailureKind.UnparsableLine, 3L, 3L), (failure.Kind, failure.Sequence, failure.LineNumber));
        Assert.Contains("line 3", failure.Reason);
    }

    [Fact]
    public async Task VerifyAsync_UnterminatedLastLine_ReportedAsIncomplete()
    {
        var lines = await WriteAsync(3);
        await File.WriteAllTextAsync(LogFile, string.Concat(lines.Take(2).Select(l => l + "\n")) + lines[2][..40]);

        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);

        Assert.Equal((AuditFailureKind.IncompleteLastLine, 3L, 2L), (result.Failure!.Kind, result.Failure.Sequence, result.RecordCount));
    }

    [Fact]
    public async Task VerifyAsync_ValidlySignedRecordWithWrongSequence_SequenceGap()
    {
        var lines = await WriteAsync(2);
        var previous = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!;
        var forged = new AuditRecord(7, AuditFixtures.Start, AuditKinds.ForgetAccepted, "t", new AuditBody(),
            (string)previous["hash"]!, _key.KeyId, "", "");
        var digest = SHA256.HashData(AuditRecordJson.Preimage(forged));
        forged = forged with { Hash = Convert.ToHexStringLower(digest), Signature = Convert.ToHexStringLower(_key.SignHash(digest)) };
        lines.Add(AuditFixtures.Utf8(AuditRecordJson.Line(forged)).TrimEnd('\n'));

        var failure = await VerifyFailsAsync(lines, expectedCount: 2);

        Assert.Equal((AuditFailureKind.SequenceGap, 7L, 3L), (failure.Kind, failure.Sequence, failure.LineNumber));
    }

    [Fact]
    public async Task VerifyAsync_SameValuesReformatted_StillValid()
    {
        var lines = await WriteAsync(3);
        // Whitespace and member order are not part of what is signed; the values are.
        lines[1] = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = false })
            .Replace(",", " , ");

        AuditFixtures.WriteLines(LogFile, lines);
        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_EmptyLog_ValidWithGenesisHead()
    {
        await File.WriteAllTextAsync(LogFile, "");
        var result = await AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem);
        Assert.Equal((true, 0L, AuditRecord.GenesisHash), (result.IsValid, result.RecordCount, result.HeadHash));
    }

    [Fact]
    public async Task VerifyAsync_BadInputs_ThrowClearly()
    {
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => AuditVerifier.VerifyAsync(LogFile, _key.PublicKeyPem));
        Assert.Contains(LogFile, missing.Message);
        await File.WriteAllTextAsync(LogFile, "");
        await Assert.ThrowsAsync<ArgumentException>(() => AuditVerifier.VerifyAsync(LogFile, "not a key"));
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        await Assert.ThrowsAsync<ArgumentException>(() => AuditVerifier.VerifyAsync(LogFile, p384.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void ToString_Failure_NamesRecordLineAndReason()
    {
        var result = new AuditVerification(4, new string('a', 64), new AuditFailure(AuditFailureKind.HashMismatch, 5, 5, "content was altered"));
        Assert.Equal("FAILED at record 5 (line 5): HashMismatch: content was altered. 4 records before it verified.", result.ToString());
    }
}
