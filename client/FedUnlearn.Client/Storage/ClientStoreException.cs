namespace FedUnlearn.Client.Storage;

/// <summary>
/// The client's local store cannot be used: the file is not a FedUnlearn store, is corrupted, was
/// written by a newer version, or is held by another process. <see cref="Path"/> names the file.
/// </summary>
public sealed class ClientStoreException : Exception
{
    /// <summary>Creates the exception for the store file at <paramref name="path"/>.</summary>
    public ClientStoreException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>Full path of the store file concerned.</summary>
    public string Path { get; }
}
