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

    /// <summary>Creates the exception for blob <paramref name="expectedHash"/> found at <paramref name="location"/> (e.g. a round's delta pack and offset).</summary>
    public BlobCorruptedException(string expectedHash, string actualHash, string location)
        : base($"Blob {expectedHash} in {location} is corrupted: its bytes hash to {actualHash}.")
    {
        ExpectedHash = expectedHash;
        ActualHash = actualHash;
        Location = location;
    }

    /// <summary>The blob's name: the hash it was stored under.</summary>
    public string ExpectedHash { get; }

    /// <summary>The hash of the bytes found.</summary>
    public string ActualHash { get; }

    /// <summary>Where the bytes were read when not from their own blob file (a delta pack and offset); null otherwise.</summary>
    public string? Location { get; }
}
