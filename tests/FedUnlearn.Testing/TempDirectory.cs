namespace FedUnlearn.Testing;

/// <summary>A fresh, uniquely named directory under the system temp path, deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory, named <paramref name="prefix"/> plus a random suffix.</summary>
    public TempDirectory(string prefix = "fedunlearn-tests-")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the directory and everything in it; a file still held open elsewhere does not fail the test.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test removed it itself.
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test that made it.
        }
    }
}
