using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.ShardedExact;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class ShardedExactTests(ITestOutputHelper output)
{
    private static readonly ShardedSpec Spec = new()
    {
        Shards = 4,
        InitSeed = 9,
        AssignSeed = 2,
        Training = new TrainingOptions { Epochs = 4, BatchSize = 32, LearningRate = 1e-2, Seed = 5 },
    };

    private static readonly long[] ForgetIds = [TinyTask.Train.GetId(3), TinyTask.Train.GetId(10), TinyTask.Train.GetId(11)];

    [Fact]
    public void Forget_RetrainsOnlyAffectedShards_BitIdenticalToTrainingWithoutTheData()
    {
        using var model = TinyTask.Model();
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, Spec);
        var before = set.Adapters.Select(a => a.ContentHash()).ToArray();
        var affected = ShardAssignment.ShardsOf(ForgetIds, Spec.Shards, Spec.AssignSeed);

        var retrained = set.Forget(model, TinyTask.Train, ForgetIds);

        using var scratch = TinyTask.Model();
        var reference = ShardedAdapterSet.Train(scratch, TinyTask.Train.ExceptIds(ForgetIds), Spec);
        output.WriteLine($"forgetting {ForgetIds.Length} samples retrained shards {string.Join(", ", retrained)} of {Spec.Shards}");
        Assert.Equal(affected, retrained);
        Assert.InRange(affected.Length, 1, 3);
        for (var k = 0; k < Spec.Shards; k++)
        {
            Assert.Equal(reference.Adapters[k].ContentHash(), set.Adapters[k].ContentHash());
            if (affected.Contains(k)) Assert.NotEqual(before[k], set.Adapters[k].ContentHash());
            else Assert.Equal(before[k], set.Adapters[k].ContentHash());
        }

        Assert.Equal(TinyTask.Train.Count - ForgetIds.Length, set.SampleCounts.Sum());
        Assert.Equal(reference.SampleCounts, set.SampleCounts);
    }

    [Fact]
    public void Forget_LaterRequest_KeepsEarlierForgottenSamplesOut()
    {
        using var model = TinyTask.Model();
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, Spec);
        set.Forget(model, TinyTask.Train, ForgetIds[..1]);
        long[] second = [.. Enumerable.Range(0, TinyTask.Train.Count).Select(TinyTask.Train.GetId)
            .Where(id => ShardAssignment.ShardOf(id, 4, 2) == ShardAssignment.ShardOf(ForgetIds[0], 4, 2)).Skip(5).Take(1)];

        set.Forget(model, TinyTask.Train, second);

        using var scratch = TinyTask.Model();
        var reference = ShardedAdapterSet.Train(scratch, TinyTask.Train.ExceptIds([ForgetIds[0], second[0]]), Spec);
        Assert.Equal(reference.Adapters.Select(a => a.ContentHash()), set.Adapters.Select(a => a.ContentHash()));
    }

    [Fact]
    public void Train_TombstonedSamples_LeftOutLikeForgotten()
    {
        using var model = TinyTask.Model();
        var withTombstones = ShardedAdapterSet.Train(model, TinyTask.Train, Spec, new TombstoneSet(ForgetIds));
        var without = ShardedAdapterSet.Train(model, TinyTask.Train.ExceptIds(ForgetIds), Spec);

        Assert.Equal(without.Adapters.Select(a => a.ContentHash()), withTombstones.Adapters.Select(a => a.ContentHash()));
    }

    [Fact]
    public void Predict_AveragesTheShardsLogits_AccurateEnsemble_ModelAdapterRestored()
    {
        using var model = TinyTask.TrainedModel();
        var own = TinyTask.AdapterHash(model);
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, Spec);
        Assert.Equal(own, TinyTask.AdapterHash(model));

        var ensemble = set.Predict(model, TinyTask.Test);

        Assert.Equal(own, TinyTask.AdapterHash(model));
        var single = new double[Spec.Shards];
        var expected = new double[ensemble.Logits.Length];
        using var member = TinyTask.Model();
        for (var k = 0; k < Spec.Shards; k++)
        {
            member.LoadAdapterParameterSet(set.Adapters[k]);
            var outputs = FedUnlearn.Learning.Evaluation.ModelEvaluator.Predict(member, TinyTask.Test);
            single[k] = outputs.Report().Accuracy;
            for (var i = 0; i < expected.Length; i++) expected[i] += outputs.Logits[i] / Spec.Shards;
        }

        var accuracy = ensemble.Report().Accuracy;
        output.WriteLine($"ensemble accuracy {accuracy:F3}; shards {string.Join(", ", single.Select(a => a.ToString("F3")))}; samples {string.Join(", ", set.SampleCounts)}");
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], ensemble.Logits[i], 1e-5);
        Assert.True(accuracy > 0.85, $"ensemble accuracy {accuracy}");
        Assert.Equal(TinyTask.Test.GetIds(), ensemble.Ids);
    }

    [Fact]
    public void Method_RetrainsOneShard_SameBitsAsTheSet()
    {
        using var model = TinyTask.Model();
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, Spec);
        set.Forget(model, TinyTask.Train, ForgetIds);
        var shard = ShardAssignment.ShardOf(ForgetIds[0], Spec.Shards, Spec.AssignSeed);
        var method = MethodRegistry.CreateDefault().Create("sharded-exact", new Dictionary<string, string>
        {
            ["shards"] = "4", ["shard"] = shard.ToString(System.Globalization.CultureInfo.InvariantCulture), ["init-seed"] = "9", ["assign-seed"] = "2",
        });
        using var node = TinyTask.TrainedModel();
        var context = new UnlearningContext
        {
            Model = node,
            Forget = TinyTask.Train.SelectIds(ForgetIds),
            Retain = TinyTask.Train.ExceptIds(ForgetIds),
            Training = Spec.Training,
        };

        var outcome = UnlearningRunner.Run(method, context);

        Assert.Equal(set.Adapters[shard].ContentHash(), outcome.Adapter.ContentHash());
        Assert.Equal(set.SampleCounts[shard], outcome.SampleCount);
    }

    [Fact]
    public void Method_ClientKeyOfAnotherShard_NoSamplesInitialAdapter()
    {
        using var node = TinyTask.TrainedModel();
        var key = Enumerable.Range(0, 100).First(k => ShardAssignment.ShardOf(k, 4) != 1);
        var method = new ShardedExactMethod(new ShardedExactOptions { Shards = 4, Shard = 1, ClientKey = key });
        var context = new UnlearningContext { Model = node, Retain = TinyTask.Train, RetainOnly = true, Training = Spec.Training };

        var outcome = UnlearningRunner.Run(method, context);

        Assert.Equal(0, outcome.SampleCount);
        Assert.Equal(0, outcome.Steps);
        Assert.All(outcome.Adapter.Where(t => t.Name.EndsWith("lora_B", StringComparison.Ordinal)), t => Assert.All(t.Data, v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void Method_Diverges_RunnerRestoresAdapter()
    {
        using var node = TinyTask.TrainedModel();
        var before = TinyTask.AdapterHash(node);
        var method = new ShardedExactMethod(new ShardedExactOptions { Optimization = new OptimizationOverrides { LearningRate = 1e30 } });
        var context = UnlearningScenario.Context(node) with { Training = UnlearningScenario.Training with { Optimizer = TrainingOptimizer.Sgd } };

        Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(method, context));

        Assert.Equal(before, TinyTask.AdapterHash(node));
    }

    [Fact]
    public void Forget_RetrainingFails_SetUnchanged()
    {
        using var model = TinyTask.Model();
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, Spec);
        var before = set.Adapters.Select(a => a.ContentHash()).ToArray();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => set.Forget(model, TinyTask.Train, ForgetIds, cancellationToken: cts.Token));

        Assert.Equal(before, set.Adapters.Select(a => a.ContentHash()));
        Assert.Empty(set.ForgottenIds);
    }

    [Theory]
    [InlineData(1, 4, 2, 17)]
    [InlineData(123456789, 8, 0, 4)]
    public void ShardOf_IsStableAndInRange(long key, int shards, long seed, int spread)
    {
        var shard = ShardAssignment.ShardOf(key, shards, seed);

        Assert.InRange(shard, 0, shards - 1);
        Assert.Equal(shard, ShardAssignment.ShardOf(key, shards, seed));
        var counts = new int[shards];
        for (var id = 0L; id < 1000; id++) counts[ShardAssignment.ShardOf(id * spread, shards, seed)]++;
        Assert.All(counts, c => Assert.InRange(c, 1000 / shards * 0.7, 1000 / shards * 1.3));
    }
}
