using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// <c>fedunlearn forget class LABEL | client ID | status TICKET | list</c>: an operator's forget
/// requests (sample scope belongs to the client holding the samples, through its SDK).
/// </summary>
internal sealed class ForgetCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var forget = new Command("forget", "Ask the federation to forget a class or a whole client, and follow the requests.");
        var label = new Argument<int>("LABEL") { Description = "Class label to forget across the federation." };
        forget.Subcommands.Add(BuildRequest("class", "Forget every sample of one class, on every client.", label,
            parse => new ForgetScope { ClassLabel = new ClassScope { Label = parse.GetValue(label) } }));
        var clientId = new Argument<string>("ID") { Description = "Client that leaves: its contributions are removed and its token revoked." };
        forget.Subcommands.Add(BuildRequest("client", "Remove a whole client from the federation and from the model.", clientId,
            parse => new ForgetScope { Client = new ClientScope { ClientId = parse.GetValue(clientId)! } }));
        forget.Subcommands.Add(BuildStatus());
        forget.Subcommands.Add(BuildList());
        return forget;
    }

    private Command BuildRequest(string name, string description, Argument target, Func<ParseResult, ForgetScope> scope)
    {
        var method = new Option<string?>("--method") { Description = "Unlearning method (default: the server's), e.g. rfa, nabla-tau, retrain." };
        var reason = new Option<string?>("--reason") { Description = "Why, kept in the audit trail, e.g. \"GDPR art. 17 request #123\"." };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key: repeating a command with the same key returns the same ticket (default: a new key)." };
        var connection = AdminConnection.Options.Create();
        var command = new Command(name, description);
        command.Arguments.Add(target);
        command.Options.Add(method);
        command.Options.Add(reason);
        command.Options.Add(requestId);
        connection.AddTo(command);
        CommandAction.Set(command, console, async (parse, cancellationToken) =>
        {
            using var server = AdminConnection.Open(parse, connection);
            var response = await server.Admin.RequestForgetAsync(new RequestForgetRequest
            {
                RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N"),
                Scope = scope(parse),
                Method = parse.GetValue(method) ?? "",
                Reason = parse.GetValue(reason) ?? "",
            }, new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            console.Err.WriteLine(response.Duplicate
                ? $"Already requested with this key: ticket {response.TicketId} is {ForgetTables.State(response.State)}."
                : $"Accepted: ticket {response.TicketId}. Follow it with 'fedunlearn forget status {response.TicketId}'.");
            // The ticket alone on stdout, for scripts: TICKET=$(fedunlearn forget class 3 ...).
            console.Out.WriteLine(response.TicketId);
            return 0;
        });
        return command;
    }

    private Command BuildStatus()
    {
        var ticket = new Argument<string>("TICKET") { Description = "Ticket returned when the request was made, e.g. fgt-000042." };
        var connection = AdminConnection.Options.Create();
        var status = new Command("status", "Show one forget request: state, rounds, verification metrics, adapter hashes.");
        status.Arguments.Add(ticket);
        connection.AddTo(status);
        CommandAction.Set(status, console, async (parse, cancellationToken) =>
        {
            using var server = AdminConnection.Open(parse, connection);
            var wanted = parse.GetValue(ticket)!;
            var found = await FindAsync(server, wanted, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"No forget request '{wanted}' on this server.");
            console.Ansi.Write(ForgetTables.Detail(found));
            return 0;
        });
        return status;
    }

    private Command BuildList()
    {
        var state = new Option<ForgetState>("--state") { Description = "Only requests in this state: Accepted, Running, Verifying, Completed, Failed." };
        var connection = AdminConnection.Options.Create();
        var list = new Command("list", "List forget requests, newest first.");
        list.Options.Add(state);
        connection.AddTo(list);
        CommandAction.Set(list, console, async (parse, cancellationToken) =>
        {
            using var server = AdminConnection.Open(parse, connection);
            var all = new List<ForgetStatus>();
            var token = "";
            do
            {
                var page = await server.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest { PageSize = 500, PageToken = token, State = parse.GetValue(state) },
                    new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
                all.AddRange(page.Requests);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            console.Ansi.Write(ForgetTables.List(all));
            return 0;
        });
        return list;
    }

    private static async Task<ForgetStatus?> FindAsync(AdminConnection server, string ticket, CancellationToken cancellationToken)
    {
        var token = "";
        do
        {
            var page = await server.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest { PageSize = 500, PageToken = token },
                new CallOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
            if (page.Requests.FirstOrDefault(r => r.TicketId == ticket) is { } found) return found;
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return null;
    }
}
