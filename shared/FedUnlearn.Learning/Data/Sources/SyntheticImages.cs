using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Learning.Data.Internal;

namespace FedUnlearn.Learning.Data.Sources;

/// <summary>
/// A deterministic, zero-install image dataset for demos and fast tests. Each class has a prototype
/// made of a few bright rectangles (drawn once from the seed, shared by both splits); a sample is its
/// class prototype shifted by up to <see cref="SyntheticImageOptions.MaxShift"/> pixels, scaled in
/// contrast by 0.8–1.2, plus per-pixel noise, clipped to [0, 1]. A small MLP or CNN learns it to high
/// accuracy in seconds. Labels cycle 0, 1, …, K-1, 0, …; ids follow <see cref="DatasetIds"/>.
/// </summary>
public static class SyntheticImages
{
    private const ulong PrototypeStream = 0, TrainStream = 1, TestStream = 2;

    /// <summary>Generates one split. Same options (seed included) → identical bytes on every machine.</summary>
    public static DenseDataset Generate(SyntheticImageOptions options, DatasetSplit split = DatasetSplit.Train)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var prototypes = Prototypes(options);
        var perClass = split == DatasetSplit.Train ? options.TrainSamplesPerClass : options.TestSamplesPerClass;
        var count = perClass * options.ClassCount;
        var length = options.Channels * options.Height * options.Width;
        var features = new float[(long)count * length];
        var labels = new long[count];
        var ids = new long[count];
        var rng = new Xoshiro256(options.Seed, split == DatasetSplit.Train ? TrainStream : TestStream);
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % options.ClassCount;
            ids[i] = DatasetIds.For(split, i);
            Render(options, prototypes[labels[i]], rng, features.AsSpan(i * length, length));
        }
        var name = split == DatasetSplit.Train ? "synthetic-images/train" : "synthetic-images/test";
        return new DenseDataset(name, features, labels, ids, [options.Channels, options.Height, options.Width], options.ClassCount);
    }

    private static float[][] Prototypes(SyntheticImageOptions o)
    {
        var rng = new Xoshiro256(o.Seed, PrototypeStream);
        var result = new float[o.ClassCount][];
        for (var k = 0; k < o.ClassCount; k++)
        {
            var proto = result[k] = new float[o.Channels * o.Height * o.Width];
            for (var c = 0; c < o.Channels; c++)
            {
                for (var r = 0; r < 3; r++)
                {
                    int h = 2 + rng.NextInt(o.Height / 2), w = 2 + rng.NextInt(o.Width / 2);
                    int top = rng.NextInt(o.Height - h + 1), left = rng.NextInt(o.Width - w + 1);
                    var value = 0.6f + 0.4f * rng.NextSingle();
                    for (var y = top; y < top + h; y++)
                    {
                        for (var x = left; x < left + w; x++)
                        {
                            ref var p = ref proto[(c * o.Height + y) * o.Width + x];
                            p = Math.Max(p, value);
                        }
                    }
                }
            }
        }
        return result;
    }

    private static void Render(SyntheticImageOptions o, float[] proto, Xoshiro256 rng, Span<float> pixels)
    {
        var span = 2 * o.MaxShift + 1;
        int dy = rng.NextInt(span) - o.MaxShift, dx = rng.NextInt(span) - o.MaxShift;
        var contrast = 0.8f + 0.4f * rng.NextSingle();
        for (var c = 0; c < o.Channels; c++)
        {
            for (var y = 0; y < o.Height; y++)
            {
                for (var x = 0; x < o.Width; x++)
                {
                    int sy = y - dy, sx = x - dx;
                    var baseValue = sy >= 0 && sy < o.Height && sx >= 0 && sx < o.Width ? proto[(c * o.Height + sy) * o.Width + sx] : 0f;
                    var v = contrast * baseValue + o.NoiseStdDev * rng.NextApproxNormal();
                    pixels[(c * o.Height + y) * o.Width + x] = Math.Clamp(v, 0f, 1f);
                }
            }
        }
    }
}
