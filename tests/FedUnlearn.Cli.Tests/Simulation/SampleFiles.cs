namespace FedUnlearn.Cli.Tests.Simulation;

/// <summary>Finds samples/scenarios/ by walking up from the test binaries to the repository root.</summary>
internal static class SampleFiles
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples", "scenarios", name);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"samples/scenarios/{name} not found above {AppContext.BaseDirectory}");
    }
}
