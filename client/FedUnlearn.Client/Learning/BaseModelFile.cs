using System.Security.Cryptography;

namespace FedUnlearn.Client.Learning;

/// <summary>The frozen base model file a node and the aggregator share, identified by its sha256.</summary>
public static class BaseModelFile
{
    /// <summary>The file name a node looks for in its data directory when no base path is given.</summary>
    public const string DefaultFileName = "base.safetensors";

    /// <summary>Lower-case hex sha256 of the file's bytes (what <c>ModelSpec.base_model_sha256</c> carries).</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Throws unless the file's sha256 equals <paramref name="expectedSha256"/> (hex, any case); an empty expectation checks nothing.</summary>
    /// <exception cref="InvalidDataException">The hashes differ; the message names both and the file.</exception>
    public static async Task VerifyAsync(string path, string? expectedSha256, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(expectedSha256)) return;
        var actual = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, expectedSha256.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"The base model '{path}' has sha256 {actual}, but the federation announced base_model_sha256 {expectedSha256.Trim().ToLowerInvariant()}: "
                + "this node must hold the same base model as the server (copy the server's file, e.g. the one 'fedunlearn pretrain' wrote).");
    }
}
