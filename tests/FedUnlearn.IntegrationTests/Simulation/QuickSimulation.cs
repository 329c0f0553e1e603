using FedUnlearn.Cli;
using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// Runs <c>fedunlearn simulate samples/scenarios/quick-synthetic.json</c> once, through the real command
/// line, for every test of the collection to inspect: exit code, terminal output, report folder.
/// </summary>
public sealed class QuickSimulation : IAsyncLifetime
{
    public string ScenarioPath { get; } = RepoFile("samples/scenarios/quick-synthetic.json");

    public string ReportDirectory { get; } = Directory.CreateTempSubdirectory("fedunlearn-quick-").FullName;

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public SimulationResults Results { get; private set; } = new();

    public async Task InitializeAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        ExitCode = await CliApp.RunAsync(["simulate", ScenarioPath, "--output", ReportDirectory], output, error);
        (Output, Error) = (output.ToString(), error.ToString());
        if (ExitCode == 0) Results = await ResultsJson.ReadAsync(Path.Combine(ReportDirectory, ReportFiles.Results));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(ReportDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A repository file, found by walking up from the test binaries.</summary>
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
