using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.ShardedExact.Internal;

/// <summary>
/// Trains one shard the only way a shard is ever trained, so retraining reproduces it bit for bit:
/// the samples of <c>data</c> assigned to the shard and not excluded, in data order, from the shard's
/// seeded initial adapter (unless told to continue), with the shard's seeded training options and no
/// tombstone lookups during the run (exclusions are fixed before it starts).
/// </summary>
internal static class ShardTrainer
{
    public static DatasetSubset Samples(IDataset data, int shard, int shards, long assignSeed, Func<long, bool>? excluded)
    {
        var indices = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            var id = data.GetId(i);
            if (ShardAssignment.ShardOf(id, shards, assignSeed) == shard && excluded?.Invoke(id) != true) indices.Add(i);
        }

        return data.Subset(indices, $"{data.Name}/shard{shard}");
    }

    /// <summary>Trains shard <paramref name="shard"/> in <paramref name="model"/>'s adapter (left there) and returns the result.</summary>
    public static (ParameterSet Adapter, int Samples, TrainingResult? Result) Train(ClassifierModel model, DatasetSubset samples, int shard,
        ShardedSpec spec, bool reset, IProgress<TrainingProgress>? progress, TrainingHooks? hooks, CancellationToken cancellationToken)
    {
        if (reset) AdapterInitializer.Reset(model, ShardAssignment.ShardSeed(spec.InitSeed, shard));
        TrainingResult? result = null;
        if (samples.Count > 0)
            result = new TrainingLoop(model, spec.TrainingFor(shard), hooks).Run(samples, new Training.Internal.CrossEntropyObjective(), null, progress, cancellationToken);
        return (model.ToAdapterParameterSet(), samples.Count, result);
    }
}
