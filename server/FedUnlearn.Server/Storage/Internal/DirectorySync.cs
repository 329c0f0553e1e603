using System.Runtime.InteropServices;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Makes a directory's entries durable. On POSIX systems a file's new name (a create or a rename)
/// lives in its directory, and only an fsync of the directory puts it on disk: without it a power
/// loss can lose a renamed blob even though its bytes were fsynced. NTFS journals metadata itself,
/// and Windows cannot open a directory for flushing, so there it is a no-op.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = Open(directory, ReadOnly);
        if (fd < 0) throw Failure("open", directory);
        try
        {
            if (Fsync(fd) != 0) throw Failure("fsync", directory);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory) =>
        new($"Could not make directory '{directory}' durable: {call} failed with errno {Marshal.GetLastPInvokeError()}.");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
