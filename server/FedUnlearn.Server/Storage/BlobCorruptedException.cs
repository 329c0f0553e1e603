namespace FedUnlearn.Server.Storage;

/// <summary>A stored blob's bytes no longer hash to its name: it was altered or damaged on disk.</summary>
public sealed class BlobCorruptedException : IOException
{
    /// <summary>Creates the exception for blob <paramref name="expectedHash"/>.</summary>
    public BlobCorruptedException(string expectedHash, string actualHash)
        : base($"Blob {expectedHash} is corrupted: its bytes hash to {actualHash}.")
    {
        ExpectedHash = expectedHash;
        ActualHash = actualHash;
    }

    /// <summary>The blob's name: the hash it was stored under.</summary>
    public string ExpectedHash { get; }

    /// <summary>The hash of the bytes found.</summary>
    public string ActualHash { get; }
}
