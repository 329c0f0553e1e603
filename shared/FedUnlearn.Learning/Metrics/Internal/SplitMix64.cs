namespace FedUnlearn.Learning.Metrics.Internal;

/// <summary>
/// A tiny seeded generator (Steele et al.'s SplitMix64). Used instead of <see cref="Random"/> because
/// its sequence is fixed by this code, not by a runtime version, so an audited MIA figure can be
/// recomputed bit-for-bit on any client.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="exclusiveMax"/>); the high word of a 128-bit product, so the bias is below 2^-32.</summary>
    public int NextInt(int exclusiveMax) => (int)Math.BigMul(Next(), (ulong)exclusiveMax, out _);

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
