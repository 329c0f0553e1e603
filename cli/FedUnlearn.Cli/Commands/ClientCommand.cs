using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Client;
using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Cli.Commands;

/// <summary><c>fedunlearn client</c>: runs a client node on a local dataset partition until Ctrl+C.</summary>
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
            if (!LocalLearnerFactory.IsAvailable) throw new CliException(LocalLearnerFactory.Unavailable);
            var data = await ClientData.LoadAsync(parse.GetValue(o.Data)!, parse.GetValue(o.DataPath), parse.GetValue(o.Partition)!,
                parse.GetValue(o.Clients), parse.GetValue(o.ClientIndex), parse.GetValue(o.DirichletAlpha), (ulong)parse.GetValue(o.Seed),
                cancellationToken).ConfigureAwait(false);
            console.Out.WriteLine($"Local data: {data.Train.Count} training samples ({parse.GetValue(o.Data)}, partition {parse.GetValue(o.ClientIndex)} of {parse.GetValue(o.Clients)}).");
            await using var client = await FederationClient.CreateAsync(options,
                context => LocalLearnerFactory.Create(context, data), cancellationToken).ConfigureAwait(false);
            ClientEventPrinter.Attach(client, console);
            try
            {
                await client.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Out.WriteLine("Stopped. Unsent results and forget requests are kept and sent at the next start.");
                return 0;
            }
        });
        return command;
    }
}
