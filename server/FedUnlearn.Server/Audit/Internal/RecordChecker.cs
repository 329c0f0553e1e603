using System.Security.Cryptography;
using System.Text.Json;

namespace FedUnlearn.Server.Audit.Internal;

/// <summary>
/// Checks one stored line on its own: parses, matches the key id, recomputes the hash from the
/// canonical form and verifies the signature. Chain links are the caller's business.
/// The hash is checked before the schema so that any edit reads as "content altered".
/// </summary>
internal sealed class RecordChecker : IDisposable
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };
    private readonly ECDsa _publicKey;

    private RecordChecker(ECDsa publicKey)
    {
        _publicKey = publicKey;
        KeyId = AuditSigningKey.ComputeKeyId(publicKey);
    }

    public string KeyId { get; }

    /// <exception cref="ArgumentException">Not a P-256 public key PEM.</exception>
    public static RecordChecker FromPublicKeyPem(string publicKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            if (key.KeySize != 256) throw new ArgumentException($"Audit public key must be ECDSA P-256, not {key.KeySize}-bit.", nameof(publicKeyPem));
            return new RecordChecker(key);
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException($"Audit public key is not a readable ECDSA P-256 PEM: {e.Message}", nameof(publicKeyPem), e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public Result Check(byte[] line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, ParseOptions);
        }
        catch (JsonException e)
        {
            return Result.Fail(AuditFailureKind.UnparsableLine, null, $"not valid JSON ({e.Message})");
        }
        using (document)
            return Check(document.RootElement);
    }

    private Result Check(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Result.Fail(AuditFailureKind.UnparsableLine, null, "not a JSON object");
        long? claimed = root.TryGetProperty("sequence", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
        if (!TryGetString(root, "key_id", out var keyId) || !TryGetString(root, "hash", out var hash) || !TryGetString(root, "signature", out var signature))
            return Result.Fail(AuditFailureKind.UnparsableLine, claimed, "missing or non-string key_id, hash or signature");
        if (keyId != KeyId)
            return Result.Fail(AuditFailureKind.UnknownKeyId, claimed, $"signed by key {keyId}, but the public key given has id {KeyId}");

        byte[] digest;
        try
        {
            digest = SHA256.HashData(CanonicalJson.Serialize(root, AuditRecordJson.SealMembers));
        }
        catch (FormatException e)
        {
            return Result.Fail(AuditFailureKind.UnparsableLine, claimed, $"outside the canonical form: {e.Message}");
        }
        var recomputed = Convert.ToHexStringLower(digest);
        if (recomputed != hash)
            return Result.Fail(AuditFailureKind.HashMismatch, claimed, $"content was altered: stored hash {hash}, recomputed {recomputed}");
        if (signature.Length != 128 || !TryFromHex(signature, out var signatureBytes)
            || !_publicKey.VerifyHash(digest, signatureBytes, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return Result.Fail(AuditFailureKind.SignatureInvalid, claimed,
                "the hash matches the content but the signature does not verify with the public key: the record was forged or re-hashed without the signing key");
        try
        {
            return new Result(AuditRecordJson.Parse(root), null, null, claimed);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return Result.Fail(AuditFailureKind.UnparsableLine, claimed, $"signed, but not a valid audit record: {e.Message}");
        }
    }

    private static bool TryGetString(JsonElement e, string name, out string value)
    {
        value = e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        return value.Length > 0;
    }

    private static bool TryFromHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    public void Dispose() => _publicKey.Dispose();

    /// <summary>Either a verified record or the failure with the sequence the line claims, if readable.</summary>
    public readonly record struct Result(AuditRecord? Record, AuditFailureKind? Failure, string? Reason, long? ClaimedSequence)
    {
        public static Result Fail(AuditFailureKind kind, long? claimed, string reason) => new(null, kind, reason, claimed);
    }
}
