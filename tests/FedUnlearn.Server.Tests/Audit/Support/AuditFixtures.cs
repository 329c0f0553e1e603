using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Audit.Internal;

namespace FedUnlearn.Server.Tests.Audit.Support;

internal static class AuditFixtures
{
    /// <summary>A throwaway test key made with openssl (never used outside tests).</summary>
    public const string TestPrivateKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJb0rQnT9URV5UJx7
        CFiJm4vyrsX9uWrIi0kskB6kf+ehRANCAASl/pEYcbK5a1nbzTkTmsc9pUGOi33p
        MNnhV7gCsHoOCP1vLORuX0TdADlcBO8fXpjrm383KdUgOoiusep6mk2p
        -----END PRIVATE KEY-----
        """;

    /// <summary>Key id of <see cref="TestPrivateKeyPem"/>, computed with Python (sha256 of the SPKI DER, 16 hex).</summary>
    public const string TestKeyId = "58cee5fe2476b2b1";

    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static AuditBody Body(int i) => new()
    {
        Request = new AuditRequestSummary(AuditScopeKind.Samples) { SampleCount = 10 + i, RequestedBy = $"client-{i % 3}" },
        Method = "rfa",
        Rounds = 1 + i % 4,
        AdapterHashBefore = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))),
        AdapterHashAfter = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i + 1000))),
        Metrics = new Dictionary<string, double> { ["forget_accuracy"] = 0.1 * i, ["mia.loss"] = 0.5 + i / 1000.0 },
        Fields = new Dictionary<string, string> { ["operator"] = "alice" },
    };

    public static async Task<AuditLog> OpenAsync(string directory, AuditSigningKey key, TimeProvider? time = null, ListLogger? logger = null) =>
        await AuditLog.OpenAsync(directory, key, time ?? new ManualTimeProvider(Start), logger);

    public static async Task<IReadOnlyList<AuditRecord>> AppendManyAsync(IAuditLog log, int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 1; i <= count; i++)
            records.Add(await log.AppendAsync(i % 2 == 0 ? AuditKinds.ForgetCompleted : AuditKinds.ForgetAccepted, $"fgt-{i:D4}", Body(i)));
        return records;
    }

    public static List<string> ReadLines(string path) =>
        [.. File.ReadAllText(path).Split('\n', StringSplitOptions.None).SkipLast(1)];

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Edits a stored record and recomputes its hash as an attacker without the key could; the signature stays.</summary>
    public static string Rehash(string line, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        edit(node);
        using var document = JsonDocument.Parse(node.ToJsonString());
        node["hash"] = Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(document.RootElement, "hash", "signature")));
        return node.ToJsonString();
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
