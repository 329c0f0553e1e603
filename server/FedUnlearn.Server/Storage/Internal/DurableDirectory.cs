namespace FedUnlearn.Server.Storage.Internal;

/// <summary>Creates a directory so that its name survives power loss (the parent is fsynced after a creation).</summary>
internal static class DurableDirectory
{
    public static void Create(string path)
    {
        if (Directory.Exists(path)) return;
        Directory.CreateDirectory(path);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
