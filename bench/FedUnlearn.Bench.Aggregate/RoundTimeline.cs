namespace FedUnlearn.Bench.Aggregate;

/// <summary>When the last client of each round got its task, had the adapter and had its upload acknowledged (UTC, the server's clock).</summary>
public sealed class RoundTimeline
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (DateTimeOffset Task, DateTimeOffset Fetched, DateTimeOffset Acknowledged)> _rounds = [];

    /// <summary>Client phases a round goes through, in order.</summary>
    public enum Phase { Task, Fetched, Acknowledged }

    /// <summary>Records that one client reached <paramref name="phase"/> of <paramref name="round"/> now.</summary>
    public void Mark(long round, Phase phase)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            _rounds.TryGetValue(round, out var last);
            _rounds[round] = phase switch
            {
                Phase.Task => last with { Task = Max(last.Task, now) },
                Phase.Fetched => last with { Fetched = Max(last.Fetched, now) },
                _ => last with { Acknowledged = Max(last.Acknowledged, now) },
            };
        }
    }

    /// <summary>The last client's times for <paramref name="round"/>.</summary>
    public (DateTimeOffset Task, DateTimeOffset Fetched, DateTimeOffset Acknowledged) Of(long round)
    {
        lock (_gate) return _rounds[round];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
