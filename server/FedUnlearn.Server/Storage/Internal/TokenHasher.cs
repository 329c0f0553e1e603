using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Client tokens: 32 random bytes, base64url. Only SHA-256(salt ‖ token) and the salt are stored.
/// A token carries 256 bits of entropy, so it cannot be guessed or found in a dictionary: a slow
/// hash (PBKDF2) would add cost without adding safety. The salt makes equal hashes impossible to
/// correlate across stores, and comparison is constant-time.
/// </summary>
internal static class TokenHasher
{
    private const int TokenBytes = 32, SaltBytes = 16;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static (byte[] Salt, byte[] Hash) HashNew(string token)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (salt, Hash(salt, token));
    }

    public static bool Verify(string token, byte[] salt, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, token), expected);

    private static byte[] Hash(byte[] salt, string token)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(salt);
        sha.AppendData(Encoding.UTF8.GetBytes(token));
        return sha.GetHashAndReset();
    }
}
