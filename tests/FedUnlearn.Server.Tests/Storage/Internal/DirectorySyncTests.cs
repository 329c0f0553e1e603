using FedUnlearn.Server.Storage.Internal;

namespace FedUnlearn.Server.Tests.Storage.Internal;

public class DirectorySyncTests
{
    [Fact]
    public void Flush_ExistingDirectory_Succeeds()
    {
        using var directory = new TempDirectory("fedunlearn-dirsync-");
        File.WriteAllText(Path.Combine(directory.Path, "renamed"), "x");

        DirectorySync.Flush(directory.Path);
    }

    [Fact]
    public void Flush_MissingDirectory_IOExceptionNamesIt()
    {
        if (OperatingSystem.IsWindows()) return;
        using var directory = new TempDirectory("fedunlearn-dirsync-");
        var missing = Path.Combine(directory.Path, "gone");

        var e = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains(missing, e.Message);
        Assert.Contains("open failed with errno 2", e.Message);
    }
}
