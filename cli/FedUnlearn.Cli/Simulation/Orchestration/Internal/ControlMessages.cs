using System.Globalization;
using FedUnlearn.Client;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The line protocol between <c>fedunlearn simulate</c> and a client process it started
/// (<c>fedunlearn client --scenario ... --simulation-control</c>): the client says when it is ready (data
/// built, model loaded) and connects on <c>run</c>, so that process start-up stays out of the measured
/// times; it reports on standard output what <see cref="SubmissionOrder"/> needs (task started, result
/// ready, result acknowledged) and waits for <c>go</c> on standard input before it sends a result. The end of standard input tells it to stop, so a
/// client never outlives the simulation that started it. No sample id ever crosses this channel.
/// </summary>
internal static class ControlMessages
{
    /// <summary>Marks the client's protocol lines on standard output.</summary>
    public const string Prefix = "@fedunlearn-simulate ";

    /// <summary>The client has built its data and loaded its model; it connects once told <see cref="Run"/>.</summary>
    public static string Ready() => Line($"ready");

    /// <summary>The client joined the federation (its task stream opens next).</summary>
    public static string Joined() => Line($"joined");

    public static string Started(long round, ClientTaskKind kind, string taskId) => Line($"started {round} {kind} {taskId}");

    /// <summary>A result of <paramref name="round"/>, computed on <paramref name="samples"/> samples, waits for its turn.</summary>
    public static string Turn(long round, int samples) => Line($"turn {round} {samples}");

    public static string Submitted(string taskId) => Line($"submitted {taskId}");

    /// <summary>The simulation's answer to <see cref="Ready"/>: open the store and connect now.</summary>
    public const string Run = "run";

    /// <summary>The simulation's answer to <see cref="Turn"/>: send the result of <paramref name="round"/> now.</summary>
    public static string Go(long round) => string.Create(CultureInfo.InvariantCulture, $"go {round}");

    /// <summary>Parses a client's line; false for anything that is not a protocol line (the client's own output).</summary>
    public static bool TryParse(string line, out ControlEvent message)
    {
        message = default;
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = line[Prefix.Length..].Split(' ', 4);
        message = parts switch
        {
            ["ready"] => new(ControlEventKind.Ready, 0, default, "", 0),
            ["joined"] => new(ControlEventKind.Joined, 0, default, "", 0),
            ["started", var r, var k, var id] when Long(r) is { } round && Enum.TryParse<ClientTaskKind>(k, out var kind) => new(ControlEventKind.Started, round, kind, id, 0),
            ["turn", var r, var n] when Long(r) is { } round && Long(n) is { } samples => new(ControlEventKind.Turn, round, default, "", (int)samples),
            ["submitted", var id] => new(ControlEventKind.Submitted, 0, default, id, 0),
            _ => default,
        };
        return message.Kind != ControlEventKind.None;
    }

    /// <summary>Parses the simulation's <see cref="Go"/> line.</summary>
    public static bool TryParseGo(string line, out long round)
    {
        round = 0;
        return line.StartsWith("go ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out round);
    }

    private static string Line(FormattableString text) => Prefix + text.ToString(CultureInfo.InvariantCulture);

    private static long? Long(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
