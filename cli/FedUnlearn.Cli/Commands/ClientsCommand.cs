using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Cli.Commands;

/// <summary><c>fedunlearn clients add NAME</c>: admits a client and prints its token, once.</summary>
internal sealed class ClientsCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var clients = new Command("clients", "Manage the clients admitted to the federation.");
        clients.Subcommands.Add(BuildAdd());
        return clients;
    }

    private Command BuildAdd()
    {
        var name = new Argument<string>("NAME") { Description = "Client id to admit (what the client passes as --name)." };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown to operators (default: NAME)." };
        var connection = AdminConnection.Options.Create();
        var add = new Command("add", "Admit a client and print its bearer token. The server keeps only a hash: this is the only time the token is shown.");
        add.Arguments.Add(name);
        add.Options.Add(displayName);
        connection.AddTo(add);
        CommandAction.Set(add, console, async (parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(clientId)) throw new CliException("NAME must not be blank.");
            using var server = AdminConnection.Open(parse, connection);
            var added = await server.Admin.AddClientAsync(
                new AddClientRequest { ClientId = clientId, DisplayName = parse.GetValue(displayName) ?? "" },
                new Rpc.Client.CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            console.Err.WriteLine($"Admitted client '{added.ClientId}'. Store its token now; it cannot be shown again:");
            // The token alone on stdout, so that scripts can capture it: TOKEN=$(fedunlearn clients add ...).
            console.Out.WriteLine(added.Token);
            return 0;
        });
        return add;
    }
}
