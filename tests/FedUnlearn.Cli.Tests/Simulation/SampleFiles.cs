namespace FedUnlearn.Cli.Tests.Simulation;

/// <summary>Finds repository files (samples/scenarios/, docs/) by walking up from the test binaries to the repository root.</summary>
internal static class SampleFiles
{
    public static string Path(string name) => RepoFile("samples/scenarios/" + name);

    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
