using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Progress;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// <c>fedunlearn simulate [scenario.json]</c>: a whole federation on loopback gRPC (clients in this process or each in its own),
/// forget requests, every method against retraining; a table in the terminal and a report folder.
/// </summary>
internal sealed class SimulateCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var file = new Argument<FileInfo?>("scenario")
        {
            Description = "Scenario file (JSON, see docs/scenario.md); none runs the default scenario.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Report folder (default: the scenario's output.directory)." };
        var command = new Command("simulate", "Simulate a federation on this machine: train, file forget requests, compare unlearning methods with retraining, write a report.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        CommandAction.Set(command, console, async (parse, cancellationToken) =>
        {
            var scenario = await LoadAsync(parse.GetValue(file), cancellationToken).ConfigureAwait(false);
            var directory = parse.GetValue(output)?.FullName ?? scenario.Output.Directory;
            var results = await RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            await ReportWriter.WriteAsync(results, directory, cancellationToken).ConfigureAwait(false);
            // Logs and pipes have no width; Spectre would assume 80 columns and fold the table's ten columns into unreadable stacks.
            if (!console.Ansi.Profile.Capabilities.Interactive) console.Ansi.Profile.Width = Math.Max(console.Ansi.Profile.Width, 160);
            ResultsTable.Write(console.Ansi, results, directory);
            return 0;
        });
        return command;
    }

    private static async Task<Scenario> LoadAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null) return Scenario.Default;
        try
        {
            return await ScenarioLoader.LoadAsync(file.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    private async Task<SimulationResults> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        try
        {
            if (!console.Ansi.Profile.Capabilities.Interactive)
                return await new SimulationRunner(new PlainProgress(console.Out)).RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            return await LiveProgress.RunAsync(console.Ansi, scenario.Training.Rounds,
                progress => new SimulationRunner(progress).RunAsync(scenario, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ScenarioException or SimulationException)
        {
            throw new CliException(ex.Message, ex);
        }
    }
}
