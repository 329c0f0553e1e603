using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedUnlearn.Learning.Data;

namespace FedUnlearn.Learning.Tests.Data;

/// <summary>Small helpers shared by the data tests.</summary>
internal static class DatasetTestKit
{
    /// <summary>SHA-256 over ids, labels and feature bits: equal hashes mean identical datasets.</summary>
    public static string Hash(IDataset dataset)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < dataset.Count; i++)
        {
            sha.AppendData(BitConverter.GetBytes(dataset.GetId(i)));
            sha.AppendData(BitConverter.GetBytes(dataset.GetLabel(i)));
            sha.AppendData(MemoryMarshal.AsBytes(dataset.Features(i)));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Accuracy on <paramref name="test"/> of the nearest-class-mean classifier fitted on <paramref name="train"/>.</summary>
    public static double NearestClassMeanAccuracy(IDataset train, IDataset test)
    {
        int k = train.ClassCount, d = train.FeatureLength;
        var means = new double[k, d];
        var counts = train.LabelHistogram();
        for (var i = 0; i < train.Count; i++)
        {
            var f = train.Features(i);
            var label = train.GetLabel(i);
            for (var j = 0; j < d; j++) means[label, j] += f[j] / counts[label];
        }
        var correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var f = test.Features(i);
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                var distance = 0.0;
                for (var j = 0; j < d; j++) distance += (f[j] - means[c, j]) * (f[j] - means[c, j]);
                if (distance < bestDistance) (best, bestDistance) = (c, distance);
            }
            if (best == test.GetLabel(i)) correct++;
        }
        return (double)correct / test.Count;
    }

    /// <summary>A tiny dataset: sample i has id 100 + i, label i % classes, features [i, -i].</summary>
    public static DenseDataset Tiny(int count, int classes = 3)
    {
        var features = new float[count * 2];
        for (var i = 0; i < count; i++) (features[2 * i], features[2 * i + 1]) = (i, -i);
        var labels = Enumerable.Range(0, count).Select(i => (long)(i % classes)).ToArray();
        var ids = Enumerable.Range(0, count).Select(i => 100L + i).ToArray();
        return new DenseDataset("tiny", features, labels, ids, [2], classes);
    }
}
