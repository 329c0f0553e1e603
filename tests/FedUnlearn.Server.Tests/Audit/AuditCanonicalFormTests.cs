using System.Security.Cryptography;
using System.Text;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Audit.Internal;
using FedUnlearn.Server.Tests.Audit.Support;

namespace FedUnlearn.Server.Tests.Audit;

public sealed class AuditCanonicalFormTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Record 1 of the pinned example; every escaping and number-text rule appears in it.</summary>
    internal static AuditBody PinnedBody => new()
    {
        Request = new AuditRequestSummary(AuditScopeKind.Samples)
        {
            SampleCount = 12, RequestedBy = "client-7", Reason = "GDPR art. 17 \u2014 request \u201c#123\u201d\n",
        },
        Method = "rfa",
        Rounds = 3,
        AdapterHashBefore = string.Concat(Enumerable.Repeat("ab", 32)),
        AdapterHashAfter = string.Concat(Enumerable.Repeat("cd", 32)),
        Metrics = new Dictionary<string, double>
        {
            ["forget_accuracy"] = 0.1, ["retain_accuracy"] = 1.0, ["mia.loss"] = 0.5234,
            ["tiny"] = 1e-7, ["big"] = 1e16, ["huge"] = 1.5e300, ["nan"] = double.NaN, ["neg_zero"] = -0.0,
        },
        Fields = new Dictionary<string, string>
        {
            ["operator"] = "alice", ["note"] = "\u00e9moji \U0001F600 <ok> & 'quote' \\ tab\t ctrl\u0001 del\u007f",
        },
    };

    // Computed once, independently of .NET, with /usr/bin/python3 from the spec in Audit/README.md:
    // json.dumps(record_without_hash_and_signature, sort_keys=True, separators=(",", ":"),
    // ensure_ascii=True) then hashlib.sha256(...).hexdigest(), the record written out by hand as a
    // Python dict (metric values as the strings "0.1", "1", "0.5234", "1E-07", "10000000000000000", "1.5E+300",
    // "NaN", "-0").
    private const string PinnedHash = "9b761376e2328143b62c4ed08a164e77cbd1ee79523622c87d5e2f4375e3260e";

    [Fact]
    public async Task AppendAsync_FixedInputsAndTime_HashEqualsPythonComputedValue()
    {
        using var key = AuditSigningKey.FromPrivateKeyPem(AuditFixtures.TestPrivateKeyPem);
        var time = new ManualTimeProvider(AuditFixtures.Start.AddTicks(5897932));
        await using var log = await AuditLog.OpenAsync(_dir.Path, key, time);

        var record = await log.AppendAsync(AuditKinds.ForgetCompleted, "fgt-000042", PinnedBody);

        Assert.Equal(AuditFixtures.TestKeyId, record.KeyId);
        Assert.Equal("2025-03-14T09:26:53.5897932Z", AuditRecordJson.FormatTimestamp(record.RecordedAt));
        Assert.Equal(PinnedHash, record.Hash);
        Assert.Equal(PinnedHash, Convert.ToHexStringLower(SHA256.HashData(AuditRecordJson.Preimage(record))));
    }

    [Fact]
    public void Preimage_IsPureAsciiWithSortedKeysAndNoSeal()
    {
        var record = new AuditRecord(1, AuditFixtures.Start, AuditKinds.ForgetCompleted, "fgt-000042", PinnedBody,
            AuditRecord.GenesisHash, AuditFixtures.TestKeyId, new string('1', 64), new string('2', 128));
        var text = Encoding.ASCII.GetString(AuditRecordJson.Preimage(record));

        Assert.StartsWith("{\"body\":{\"adapter_hash_after\":", text);
        Assert.EndsWith(",\"sequence\":1,\"ticket_id\":\"fgt-000042\",\"version\":1}", text);
        Assert.Contains("\"metrics\":{\"big\":\"10000000000000000\",\"forget_accuracy\":\"0.1\",\"huge\":\"1.5E+300\",\"mia.loss\":\"0.5234\",\"nan\":\"NaN\",\"neg_zero\":\"-0\",\"retain_accuracy\":\"1\",\"tiny\":\"1E-07\"}", text);
        Assert.Contains("\"note\":\"\\u00e9moji \\ud83d\\ude00 <ok> & 'quote' \\\\ tab\\t ctrl\\u0001 del\\u007f\"", text);
        Assert.DoesNotContain("\"hash\"", text);
        Assert.DoesNotContain("\"signature\"", text);
        Assert.All(AuditRecordJson.Preimage(record), b => Assert.InRange(b, 0x20, 0x7E));
    }

    [Fact]
    public void Line_IsTheCanonicalRecordWithSealAndNewline()
    {
        var record = new AuditRecord(2, AuditFixtures.Start, AuditKinds.ClientRemoved, null, new AuditBody(),
            new string('a', 64), AuditFixtures.TestKeyId, new string('b', 64), new string('c', 128));

        Assert.Equal(
            "{\"body\":{\"fields\":{},\"metrics\":{}},\"hash\":\"" + new string('b', 64) + "\",\"key_id\":\"58cee5fe2476b2b1\"," +
            "\"kind\":\"client.removed\",\"previous_hash\":\"" + new string('a', 64) + "\",\"recorded_at\":\"2025-03-14T09:26:53.0000000Z\"," +
            "\"sequence\":2,\"signature\":\"" + new string('c', 128) + "\",\"version\":1}\n",
            AuditFixtures.Utf8(AuditRecordJson.Line(record)));
    }
}
