namespace FedUnlearn.Testing.Tests;

public sealed class TempDirectoryTests
{
    [Fact]
    public void Constructor_TwoDirectories_ExistAndDiffer()
    {
        using var a = new TempDirectory("fedunlearn-testing-");
        using var b = new TempDirectory("fedunlearn-testing-");

        Assert.True(Directory.Exists(a.Path));
        Assert.NotEqual(a.Path, b.Path);
        Assert.StartsWith("fedunlearn-testing-", Path.GetFileName(a.Path));
        Assert.Equal(Path.Combine(a.Path, "x.bin"), a.File("x.bin"));
    }

    [Fact]
    public void Dispose_NestedContent_RemovesEverything()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "a", "b"));
        File.WriteAllText(Path.Combine(dir.Path, "a", "b", "c.txt"), "c");

        dir.Dispose();

        Assert.False(Directory.Exists(dir.Path));
    }

    [Fact]
    public void Dispose_AlreadyDeleted_DoesNotThrow()
    {
        var dir = new TempDirectory();
        Directory.Delete(dir.Path);

        dir.Dispose();

        Assert.False(Directory.Exists(dir.Path));
    }
}
