namespace FedUnlearn.Contracts.Adapters.Internal;

/// <summary>
/// xoshiro256** seeded through SplitMix64, the generator behind <see cref="LoRAAdapterInit"/>. It lives
/// here rather than in FedUnlearn.Learning so that the aggregator (which never loads libtorch) draws
/// the same bits as every client; it must stay bit-identical to FedUnlearn.Learning's data generator
/// for the same (seed, stream), which the adapter-initialisation tests check.
/// </summary>
internal sealed class AdapterInitRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public AdapterInitRandom(ulong seed, ulong stream)
    {
        var sm = Mix(seed) ^ Mix(stream + 0x632BE59BD9B4E019UL);
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
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

    private static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
