using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Client;
using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// <c>fedunlearn client</c>: runs a client node on a local dataset partition until Ctrl+C. With <c>--scenario</c> it is one
/// client of a <c>fedunlearn simulate</c> scenario (how <c>clients.processes: separate</c> runs each client).
/// </summary>
internal sealed class ClientCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var o = new ClientCommandOptions();
        var command = new Command("client", "Run a client node: join the federation, train and unlearn on local data, never send a sample. Stops on Ctrl+C.");
        o.AddTo(command);
        CommandAction.Set(command, console, async (parse, cancellationToken) =>
        {
            var options = o.Bind(parse);
            options.Validate();
            o.CheckScenarioOptions(parse);
            var basePath = LocalLearnerFactory.ResolveBase(parse.GetValue(o.Base), parse.GetValue(o.DataDir)!);
            // Driven by a simulation: standard output carries the control protocol only, and the end of standard input stops the node.
            var control = parse.GetValue(o.SimulationControl) ? new ControlChannel(Console.In, console.Out) : null;
            var createLearner = await LearnerFactoryAsync(parse, o, basePath, control, cancellationToken).ConfigureAwait(false);
            if (control is not null && !await ReadyAsync(control, cancellationToken).ConfigureAwait(false)) return 0;
            await using var client = await FederationClient.CreateAsync(options, createLearner, cancellationToken).ConfigureAwait(false);
            if (control is null) ClientEventPrinter.Attach(client, console);
            else control.Attach(client);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, control?.Closed ?? CancellationToken.None);
            try
            {
                await client.RunAsync(stop.Token).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                if (control is null) console.Out.WriteLine("Stopped. Unsent results and forget requests are kept and sent at the next start.");
                // A simulation's client hit by the terminal's Ctrl+C says so, for the simulation to tell an interruption from a crash.
                return control is not null && cancellationToken.IsCancellationRequested ? CommandAction.Interrupted : 0;
            }
        });
        return command;
    }

    /// <summary>Tells the simulation this node is ready and waits for its go-ahead; false when the simulation stopped it first.</summary>
    private static async Task<bool> ReadyAsync(ControlChannel control, CancellationToken cancellationToken)
    {
        try
        {
            await control.ReadyAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (control.Closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<Func<LearnerContext, CancellationToken, ValueTask<ILocalLearner>>> LearnerFactoryAsync(ParseResult parse, ClientCommandOptions o,
        string basePath, ControlChannel? control, CancellationToken cancellationToken)
    {
        if (parse.GetValue(o.Scenario) is { } file)
        {
            var node = await ScenarioNode.LoadAsync(file, parse.GetValue(o.ClientIndex), basePath, cancellationToken).ConfigureAwait(false);
            if (control is not null) await node.PreloadAsync(cancellationToken).ConfigureAwait(false);
            if (control is null)
                console.Out.WriteLine($"Local data: {node.SampleCount} training samples (scenario '{node.Scenario.Name}', client {node.Index} of {node.Scenario.Clients.Count}); base model {basePath}.");
            return (context, token) => node.CreateLearnerAsync(context, control, token);
        }

        var data = await ClientData.LoadAsync(parse.GetValue(o.Data)!, parse.GetValue(o.DataPath), parse.GetValue(o.Partition)!,
            parse.GetValue(o.Clients), parse.GetValue(o.ClientIndex), parse.GetValue(o.DirichletAlpha), (ulong)parse.GetValue(o.Seed),
            parse.GetValue(o.PublicFraction), cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine($"Local data: {data.Train.Count} training samples ({parse.GetValue(o.Data)}, partition {parse.GetValue(o.ClientIndex)} of {parse.GetValue(o.Clients)}); base model {basePath}.");
        return async (context, token) => await LocalLearnerFactory.CreateAsync(context, data, basePath, token).ConfigureAwait(false);
    }
}
