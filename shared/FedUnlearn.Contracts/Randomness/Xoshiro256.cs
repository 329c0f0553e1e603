namespace FedUnlearn.Contracts.Randomness;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna) seeded through SplitMix64: our own generator so that a seed
/// gives the same data on every machine and .NET version, independent of System.Random's internals.
/// Uniform floats use only integer ops and exact power-of-two scaling, so they are bit-reproducible.
/// It lives in Contracts so that the aggregator (which never loads libtorch) and every client draw
/// the same bits, e.g. for a LoRA adapter's initial A.
/// </summary>
public sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator for (<paramref name="seed"/>, <paramref name="stream"/>): distinct streams of one seed are independent.</summary>
    public Xoshiro256(ulong seed, ulong stream = 0)
    {
        // Mix seed and stream separately so (s, t) and (t, s) differ and nearby seeds decorrelate.
        var sm = Mix(seed) ^ Mix(stream + 0x632BE59BD9B4E019UL);
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform in [0, <paramref name="bound"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var range = (ulong)bound;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var high = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (int)high;
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Approximately standard normal (Irwin–Hall: sum of 12 uniforms minus 6; mean 0, variance 1,
    /// bounded by ±6). Only additions of exact values, so bit-identical everywhere, unlike methods
    /// that call Math.Log/Cos whose last bit may vary by platform. Used for synthetic data.
    /// </summary>
    public float NextApproxNormal()
    {
        var sum = 0f;
        for (var i = 0; i < 6; i++)
        {
            var x = NextUInt64();
            sum += (uint)(x >> 40) * (1.0f / (1 << 24));
            sum += (uint)(x & 0xFFFFFF) * (1.0f / (1 << 24));
        }
        return sum - 6f;
    }

    /// <summary>Exact standard normal (Marsaglia's polar method), for samplers that need true tails.</summary>
    public double NextNormal()
    {
        while (true)
        {
            var u = 2 * NextDouble() - 1;
            var v = 2 * NextDouble() - 1;
            var s = u * u + v * v;
            if (s > 0 && s < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    private static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
