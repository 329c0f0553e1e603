using System.Globalization;
using FedUnlearn.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace FedUnlearn.Cli.Commands;

/// <summary>The Spectre tables <see cref="StatusCommand"/> prints.</summary>
internal static class StatusTables
{
    public static Table Overview(FederationStatus s)
    {
        var table = new Table().Title($"Federation [bold]{Markup.Escape(s.FederationName)}[/]").AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("Model", Markup.Escape($"{s.Model?.Architecture} ({s.Model?.NumClasses} classes, LoRA rank {s.Model?.Lora?.Rank})"));
        table.AddRow("Round", s.Round.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Adapter", Markup.Escape($"v{s.AdapterVersion} {Short(s.AdapterHash)}"));
        table.AddRow("Clients", $"{s.ClientsOnline} online / {s.ClientsAdmitted} admitted");
        table.AddRow("Open forget requests", s.ForgetRequestsOpen.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Started", When(s.StartedAt));
        table.AddRow("Server version", Markup.Escape(s.ServerVersion));
        return table;
    }

    public static Table Clients(IEnumerable<ClientInfo> clients)
    {
        var table = new Table().Title("Clients").AddColumns("Client", "State", "Device", "Samples", "Rounds", "Last seen");
        foreach (var c in clients)
        {
            table.AddRow(Markup.Escape(c.ClientId), State(c.State), Markup.Escape(c.Capabilities?.Device ?? ""),
                (c.Capabilities?.SampleCount ?? 0).ToString(CultureInfo.InvariantCulture),
                c.RoundsContributed.ToString(CultureInfo.InvariantCulture), When(c.LastSeen));
        }

        return table;
    }

    public static Table Rounds(IEnumerable<RoundInfo> rounds)
    {
        var table = new Table().Title("Recent rounds").AddColumns("Round", "Kind", "State", "Version", "Accepted", "Rejected", "Finished");
        foreach (var r in rounds)
        {
            table.AddRow(r.Round.ToString(CultureInfo.InvariantCulture), Name(r.Kind.ToString()), Name(r.State.ToString()),
                r.CommittedVersion == 0 ? "-" : $"v{r.CommittedVersion}",
                $"{r.UpdatesAccepted}/{r.ClientsSelected}", r.UpdatesRejected.ToString(CultureInfo.InvariantCulture), When(r.FinishedAt));
        }

        return table;
    }

    private static string State(ClientState state) => state switch
    {
        ClientState.Online => "[green]online[/]",
        ClientState.Removed => "[red]removed[/]",
        _ => Name(state.ToString()),
    };

    private static string Name(string enumName) => enumName.ToLowerInvariant();

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string When(Timestamp? t) =>
        t is null ? "-" : t.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
