using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FedUnlearn.Server.Rounds;

/// <summary>
/// Which shard a client belongs to in a sharded federation: the first 8 bytes of SHA-256 over the
/// seed and the client's name, modulo K. A pure function of the client itself, never of who else
/// joined or in what order, so a federation that never had client X assigns every other client to
/// the same shard: the condition for sharded forgetting to be exact. The server records each
/// assignment when it first sees the client.
/// </summary>
public static class ClientShards
{
    /// <summary>The shard in [0, <paramref name="shards"/>) of client <paramref name="clientName"/>.</summary>
    public static int ShardOf(string clientName, int shards, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientName);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{clientName}"), hash);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % (ulong)shards);
    }
}
