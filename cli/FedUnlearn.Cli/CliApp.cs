using System.CommandLine;
using FedUnlearn.Cli.Commands;
using FedUnlearn.Cli.Common;

namespace FedUnlearn.Cli;

/// <summary>The <c>fedunlearn</c> command line: the root command built from <see cref="CommandRegistry"/>, and its entry point.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with every registered subcommand, writing through <paramref name="console"/>.</summary>
    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("FedUnlearn: federated learning with LoRA adapters and federated unlearning (forget requests with an audit trail).");
        foreach (var command in CommandRegistry.Create(console))
        {
            root.Subcommands.Add(command.Build());
        }

        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go (default: standard output).</param>
    /// <param name="error">Where errors go (default: standard error).</param>
    /// <param name="cancellationToken">Stops a long-running command (Ctrl+C does the same).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output ?? Console.Out, error ?? Console.Error);
        var root = BuildRoot(console);
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Err };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
