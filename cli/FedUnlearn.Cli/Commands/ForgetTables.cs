using System.Globalization;
using FedUnlearn.Contracts.V1;
using Spectre.Console;

namespace FedUnlearn.Cli.Commands;

/// <summary>The Spectre tables <see cref="ForgetCommand"/> prints.</summary>
internal static class ForgetTables
{
    public static Table List(IEnumerable<ForgetStatus> requests)
    {
        var table = new Table().Title("Forget requests").AddColumns("Ticket", "Scope", "Method", "State", "Rounds", "Requested by", "Updated");
        foreach (var r in requests)
            table.AddRow(Markup.Escape(r.TicketId), Markup.Escape(Scope(r.Scope)), Markup.Escape(r.Method), Markup.Escape(State(r.State)),
                $"{r.RoundsCompleted}/{r.RoundsPlanned}", Markup.Escape(r.RequestedBy.Length > 0 ? r.RequestedBy : "operator"),
                r.UpdatedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "");
        return table;
    }

    public static Table Detail(ForgetStatus r)
    {
        var table = new Table().Title($"Forget request [bold]{Markup.Escape(r.TicketId)}[/]").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("Scope", Markup.Escape(Scope(r.Scope)));
        table.AddRow("Method", Markup.Escape(r.Method));
        table.AddRow("State", Markup.Escape(State(r.State)));
        if (r.FailureReason.Length > 0) table.AddRow("Failure", Markup.Escape(r.FailureReason));
        table.AddRow("Rounds", $"{r.RoundsCompleted}/{r.RoundsPlanned} ({r.Progress:P0})");
        table.AddRow("Requested by", Markup.Escape(r.RequestedBy.Length > 0 ? r.RequestedBy : "operator"));
        table.AddRow("Adapter before", Markup.Escape(r.AdapterHashBefore));
        table.AddRow("Adapter after", Markup.Escape(r.AdapterHashAfter));
        foreach (var (name, value) in r.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(name), value.ToString("0.####", CultureInfo.InvariantCulture));
        return table;
    }

    public static string State(ForgetState state) => state switch
    {
        ForgetState.Accepted => "accepted",
        ForgetState.Running => "running",
        ForgetState.Verifying => "verifying",
        ForgetState.Completed => "completed",
        ForgetState.Failed => "failed",
        _ => "unknown",
    };

    private static string Scope(ForgetScope? scope) => scope?.ScopeCase switch
    {
        ForgetScope.ScopeOneofCase.Samples => $"{scope.Samples.SampleCount} sample(s)",
        ForgetScope.ScopeOneofCase.ClassLabel => $"class {scope.ClassLabel.Label}",
        ForgetScope.ScopeOneofCase.Client => $"client {scope.Client.ClientId}",
        _ => "?",
    };
}
