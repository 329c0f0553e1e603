namespace FedUnlearn.Contracts.Tests.Support;

/// <summary>Finds paths in the source tree from the test binaries, whatever the build configuration.</summary>
internal static class RepositoryRoot
{
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FedUnlearn.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new DirectoryNotFoundException($"No FedUnlearn.sln above {AppContext.BaseDirectory}.");
    }
}
