using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Audit.Support;

namespace FedUnlearn.Server.Tests.Audit;

/// <summary>An auditor with only the public key and Python's standard json/hashlib and cryptography can verify our log.</summary>
public sealed class AuditPythonInteropTests : IDisposable
{
    // Written from Audit/README.md alone: the reference a third party would write.
    private const string ReferenceVerifier = """
        import sys, json, hashlib
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
        from cryptography.exceptions import InvalidSignature
        key = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())
        spki = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        key_id = hashlib.sha256(spki).hexdigest()[:16]
        prev, n = "0" * 64, 0
        for n, line in enumerate(open(sys.argv[1], "rb").read().split(b"\n")[:-1], start=1):
            rec = json.loads(line)
            pre = json.dumps({k: v for k, v in rec.items() if k not in ("hash", "signature")},
                             sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
            sig = bytes.fromhex(rec["signature"])
            def fail(why):
                print(f"FAIL {n} {why}"); sys.exit(0)
            if rec["key_id"] != key_id: fail("key")
            if hashlib.sha256(pre).hexdigest() != rec["hash"]: fail("hash")
            try:
                key.verify(encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")),
                           pre, ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                fail("signature")
            if rec["previous_hash"] != prev or rec["sequence"] != n: fail("chain")
            prev = rec["hash"]
        print(f"OK {n} {prev}")
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [PythonFact("cryptography")]
    public async Task ReferencePythonVerifier_AcceptsOurLogAndRejectsATamperedCopy()
    {
        using var key = AuditSigningKey.Generate();
        await File.WriteAllTextAsync(_dir.File("pub.pem"), key.PublicKeyPem);
        await using (var log = await AuditFixtures.OpenAsync(_dir.Path, key))
        {
            await AuditFixtures.AppendManyAsync(log, 5);
            await log.AppendAsync(AuditKinds.ForgetFailed, "fgt-x", AuditCanonicalFormTests.PinnedBody);
        }
        var path = _dir.File(AuditLog.FileName);

        Assert.Equal($"OK 6 {(await AuditVerifier.VerifyAsync(path, key.PublicKeyPem)).HeadHash}", await RunAsync(path));

        var lines = AuditFixtures.ReadLines(path);
        lines[2] = lines[2].Replace("\"rounds\":", "\"rounds\":1");
        AuditFixtures.WriteLines(path, lines);
        Assert.Equal("FAIL 3 hash", await RunAsync(path));
    }

    private async Task<string> RunAsync(string logPath) =>
        (await Python.RunAsync(ReferenceVerifier, logPath, _dir.File("pub.pem"))).Trim();
}
