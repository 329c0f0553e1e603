using System.Globalization;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Seeded, per-round reproducible sampling of clients (partial Fisher–Yates).</summary>
internal static class ClientSampler
{
    public static IReadOnlyList<ClientInstruction> Sample(
        RoundContext round, IReadOnlyList<ClientInfo> available, double fraction, int min, int seed,
        IDictionary<string, string> baseConfig)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(available);
        if (available.Count < min) return [];
        var take = Math.Clamp((int)Math.Ceiling(fraction * available.Count), min, available.Count);
        var pool = available.ToArray();
        var random = new Random(MixSeed(seed, round.Round));
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var config = new Dictionary<string, string>(baseConfig, StringComparer.Ordinal)
        {
            ["round"] = round.Round.ToString(CultureInfo.InvariantCulture),
        };
        return pool.Take(take).Select(c => new ClientInstruction(c.ClientId, config)).ToArray();
    }

    // HashCode.Combine is randomised per process; a replayable run needs a fixed mix.
    private static int MixSeed(int seed, long round)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)round);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        return (int)(x ^ (x >> 31));
    }
}
