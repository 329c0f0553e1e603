using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using Spectre.Console;

namespace FedUnlearn.Cli.Commands;

/// <summary><c>fedunlearn status</c>: the federation at a glance, its clients and its latest rounds.</summary>
internal sealed class StatusCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var rounds = new Option<int>("--rounds") { Description = "How many recent rounds to list.", DefaultValueFactory = _ => 10 };
        rounds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 1000) r.AddError("--rounds must be between 0 and 1000.");
        });
        var connection = AdminConnection.Options.Create();
        var status = new Command("status", "Show the federation's state, its clients and its recent rounds.");
        status.Options.Add(rounds);
        connection.AddTo(status);
        CommandAction.Set(status, console, async (parse, cancellationToken) =>
        {
            using var server = AdminConnection.Open(parse, connection);
            var call = new CallOptions { CancellationToken = cancellationToken };
            var federation = await server.Admin.GetFederationStatusAsync(call).ConfigureAwait(false);
            var clients = await server.Admin.ListClientsAsync(new ListClientsRequest { PageSize = 1000 }, call).ConfigureAwait(false);
            var recent = parse.GetValue(rounds) > 0
                ? (await server.Admin.ListRoundsAsync(new ListRoundsRequest { PageSize = (uint)parse.GetValue(rounds) }, call).ConfigureAwait(false)).Rounds
                : [];
            console.Ansi.Write(StatusTables.Overview(federation));
            console.Ansi.Write(StatusTables.Clients(clients.Clients));
            if (recent.Count > 0) console.Ansi.Write(StatusTables.Rounds(recent));
            return 0;
        });
        return status;
    }
}
