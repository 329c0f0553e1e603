using FedUnlearn.Cli.Common;
using FedUnlearn.Client;
using Spectre.Console;

namespace FedUnlearn.Cli.Commands;

/// <summary>One line per thing a client node does, for the operator watching the terminal.</summary>
internal static class ClientEventPrinter
{
    public static void Attach(FederationClient client, CliConsole console)
    {
        var ansi = console.Ansi;
        client.Joined += (_, e) => ansi.MarkupLineInterpolated($"[green]joined[/] {e.FederationName} as {e.ClientId} (adapter v{e.AdapterVersion}, {e.SampleCount} samples)");
        client.TaskStarted += (_, e) => ansi.MarkupLineInterpolated($"[blue]task[/] {e.TaskId}: {e.Kind} round {e.Round} from v{e.AdapterVersion}");
        client.TaskProgress += (_, e) =>
        {
            // Every quarter of the way, not every step.
            var quarter = e.Progress.TotalSteps / 4;
            if (quarter > 0 && e.Progress.Step % quarter == 0)
                ansi.MarkupLineInterpolated($"  {e.TaskId}: step {e.Progress.Step}/{e.Progress.TotalSteps}, loss {e.Progress.Loss:F4}");
        };
        client.TaskSubmitted += (_, e) => ansi.MarkupLineInterpolated(
            $"[blue]sent[/] {e.TaskId}: {e.Outcome}{(e.ErrorCode is null ? "" : $" (local failure {e.ErrorCode}: {e.Message})")}, {e.PayloadBytes} bytes");
        client.Disconnected += (_, e) => ansi.MarkupLineInterpolated($"[yellow]disconnected[/]: {e.Reason}; reconnecting in {e.RetryDelay.TotalSeconds:F1} s (attempt {e.Attempt})");
        client.ForgetAcknowledged += (_, e) => ansi.MarkupLineInterpolated($"forget request {e.RequestId}: ticket {e.TicketId} ({e.State})");
        client.ShutdownReceived += (_, e) => ansi.MarkupLineInterpolated($"[yellow]server shutdown[/]: {e.Reason}");
    }
}
