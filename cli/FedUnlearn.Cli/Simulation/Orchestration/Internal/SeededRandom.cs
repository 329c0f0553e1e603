namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// SplitMix64 draws for the simulation's own choices (data draw, public split, forget sets): the same
/// seed and salt give the same sequence on every machine and .NET version, unlike <see cref="Random"/>.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed derived from <paramref name="seed"/> and a purpose, so that unrelated draws do not share a stream.</summary>
    public static ulong Derive(ulong seed, ulong salt)
    {
        var r = new SeededRandom(seed ^ (salt * 0xD1B54A32D192ED03UL));
        r.Next();
        return r.Next();
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>) (negligible modulo bias for the sizes used here).</summary>
    public int NextInt(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (var i = 0; i < n; i++) p[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }

    /// <summary><paramref name="count"/> distinct items of <paramref name="items"/>, returned in ascending order.</summary>
    public long[] Choose(IReadOnlyList<long> items, int count)
    {
        var order = Permutation(items.Count);
        var chosen = new long[count];
        for (var i = 0; i < count; i++) chosen[i] = items[order[i]];
        Array.Sort(chosen);
        return chosen;
    }
}
