using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning.ShardedExact.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.ShardedExact;

/// <summary>
/// K LoRA adapters over one frozen base (LegoNet-style sharded training, arXiv 2210.16023): each sample
/// trains only the adapter its id hashes to (<see cref="ShardAssignment"/>), prediction averages the
/// logits of the adapters that hold data, and forgetting retrains only the adapters whose shard held a
/// forgotten sample, from the same seeded start on the same samples minus the forgotten ones. Every
/// shard is a pure function of (base, spec, its samples), so after <see cref="Forget"/> the set is
/// bit-identical to one trained on data that never held the forgotten samples.
/// </summary>
/// <remarks>
/// The model passed to each call is a workspace: each shard's adapter is loaded into it in turn, and
/// its own adapter is put back afterwards. Synchronous and thread-bound, like training.
/// </remarks>
public sealed class ShardedAdapterSet
{
    private readonly ParameterSet[] _adapters;
    private readonly int[] _counts;
    private readonly HashSet<long> _forgotten;

    private ShardedAdapterSet(ShardedSpec spec, ParameterSet[] adapters, int[] counts, HashSet<long> forgotten) =>
        (Spec, _adapters, _counts, _forgotten) = (spec, adapters, counts, forgotten);

    /// <summary>The split and the training every shard uses.</summary>
    public ShardedSpec Spec { get; }

    /// <summary>Number of shards K.</summary>
    public int Count => _adapters.Length;

    /// <summary>The K adapters (copies are the caller's; the set's own are not exposed for writing).</summary>
    public IReadOnlyList<ParameterSet> Adapters => [.. _adapters.Select(a => a.Clone())];

    /// <summary>Training samples of each shard.</summary>
    public IReadOnlyList<int> SampleCounts => _counts;

    /// <summary>Ids forgotten so far: never trained on again by any shard.</summary>
    public IReadOnlyCollection<long> ForgottenIds => _forgotten;

    /// <summary>Trains every shard from its seeded start on its samples of <paramref name="data"/> (tombstoned samples left out).</summary>
    /// <exception cref="ArgumentException">The spec is invalid, the model has no adapter, or the data does not fit it.</exception>
    public static ShardedAdapterSet Train(ClassifierModel model, IDataset data, ShardedSpec spec, ITombstoneStore? tombstones = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var set = new ShardedAdapterSet(spec, new ParameterSet[spec.Shards], new int[spec.Shards], []);
        set.Retrain(model, data, Enumerable.Range(0, spec.Shards), tombstones, cancellationToken);
        return set;
    }

    /// <summary>
    /// Forgets <paramref name="forgetIds"/>: retrains, from their seeded starts, exactly the shards that
    /// held one of them, on their samples of <paramref name="data"/> minus every id forgotten so far (and
    /// tombstoned ones). Other shards are untouched. Returns the retrained shards, ascending. All or
    /// nothing: if a retraining fails, the set is unchanged.
    /// </summary>
    public IReadOnlyList<int> Forget(ClassifierModel model, IDataset data, IEnumerable<long> forgetIds, ITombstoneStore? tombstones = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(forgetIds);
        var ids = forgetIds.ToHashSet();
        var affected = ShardAssignment.ShardsOf(ids, Count, Spec.AssignSeed);
        var added = ids.Where(_forgotten.Add).ToList();
        try
        {
            Retrain(model, data, affected, tombstones, cancellationToken);
        }
        catch
        {
            // Retrain commits only when every shard succeeded; only the exclusions need undoing.
            _forgotten.ExceptWith(added);
            throw;
        }

        return affected;
    }

    /// <summary>
    /// The ensemble's outputs on <paramref name="data"/>: the mean of the logits of every shard that holds
    /// training samples (an empty shard is the bare base model and would only blur the vote).
    /// </summary>
    /// <exception cref="InvalidOperationException">No shard holds any training sample.</exception>
    public ModelOutputs Predict(ClassifierModel model, IDataset data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var members = Enumerable.Range(0, Count).Where(k => _counts[k] > 0).ToList();
        if (members.Count == 0) throw new InvalidOperationException("No shard holds a training sample: the ensemble has no member.");
        var own = model.ToAdapterParameterSet();
        try
        {
            ModelOutputs? first = null;
            var sum = Array.Empty<float>();
            foreach (var k in members)
            {
                model.LoadAdapterParameterSet(_adapters[k]);
                var outputs = ModelEvaluator.Predict(model, data, cancellationToken: cancellationToken);
                if (first is null)
                {
                    (first, sum) = (outputs, new float[outputs.Logits.Length]);
                }

                for (var i = 0; i < sum.Length; i++) sum[i] += outputs.Logits[i];
            }

            for (var i = 0; i < sum.Length; i++) sum[i] /= members.Count;
            return new ModelOutputs(first!.ClassCount, sum, first.Labels, first.Ids, null, first.FeatureDim);
        }
        finally
        {
            model.LoadAdapterParameterSet(own);
        }
    }

    private void Retrain(ClassifierModel model, IDataset data, IEnumerable<int> shards, ITombstoneStore? tombstones, CancellationToken cancellationToken)
    {
        var own = model.ToAdapterParameterSet();
        if (own.Count == 0) throw new ArgumentException("The model has no LoRA adapter to train shards in.", nameof(model));
        try
        {
            var trained = new List<(int Shard, ParameterSet Adapter, int Samples)>();
            foreach (var k in shards)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var samples = ShardTrainer.Samples(data, k, Count, Spec.AssignSeed, id => _forgotten.Contains(id) || tombstones?.Contains(id) == true);
                var (adapter, count, _) = ShardTrainer.Train(model, samples, k, Spec, reset: true, null, null, cancellationToken);
                trained.Add((k, adapter, count));
            }

            // Committed together, after every shard succeeded.
            foreach (var (k, adapter, count) in trained) (_adapters[k], _counts[k]) = (adapter, count);
        }
        finally
        {
            model.LoadAdapterParameterSet(own);
        }
    }
}
