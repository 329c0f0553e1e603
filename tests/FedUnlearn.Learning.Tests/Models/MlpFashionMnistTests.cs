using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;
using Xunit.Abstractions;
using F = FedUnlearn.Torch.torch.nn.functional;
using FedUnlearn.Learning.Tests.Support;

namespace FedUnlearn.Learning.Tests.Models;

/// <summary>
/// End to end: the default MLP (784-256-256-10) trained for one epoch on the 60,000 Fashion-MNIST
/// training images (AdamW, lr 1e-3, batch 64, standard normalisation) must reach 84% test accuracy
/// (it reaches about 85-86%). Fails, never skips, when the dataset is missing: the prerequisites
/// (scripts/prereqs.sh) install it.
/// </summary>
[Collection(TorchModelCollection.Name)]
public sealed class MlpFashionMnistTests(ITestOutputHelper output)
{
    private const int BatchSize = 64;

    [Fact]
    public async Task Mlp_OneEpochOnFashionMnist_ReachesStatedTestAccuracy()
    {
        Assert.True(
            FashionMnist.IsAvailable(DatasetSplit.Train) && FashionMnist.IsAvailable(DatasetSplit.Test),
            $"Fashion-MNIST is not installed under {FashionMnist.DefaultDirectory}; run scripts/prereqs.sh (Debian package dataset-fashion-mnist).");
        var train = FashionMnist.StandardNormalization.Apply(await FashionMnist.LoadAsync(DatasetSplit.Train));
        var test = FashionMnist.StandardNormalization.Apply(await FashionMnist.LoadAsync(DatasetSplit.Test));

        using var model = ModelFactory.Create(ModelSpec.Mlp(), seed: 0);
        using var optimizer = torch.optim.AdamW(model.parameters(), lr: 1e-3);
        var sampler = new BatchSampler(train, new BatchSamplerOptions { BatchSize = BatchSize, Shuffle = true, Seed = 1 });
        var buffer = new BatchBuffer(BatchSize, train.FeatureLength);
        foreach (var batch in sampler.PlanEpoch(0).Batches())
        {
            using var scope = torch.NewDisposeScope();
            buffer.Fill(train, batch);
            var x = torch.tensor(buffer.Features, [buffer.Count, train.FeatureLength]);
            var y = torch.tensor(buffer.Labels);
            optimizer.zero_grad();
            F.cross_entropy(model.forward(x), y).backward();
            optimizer.step();
        }

        var accuracy = Accuracy(model, test);
        output.WriteLine($"test accuracy after one epoch: {accuracy:F4}");
        Assert.True(accuracy >= 0.84, $"test accuracy {accuracy:F4} after one epoch is below 0.84");
    }

    private static double Accuracy(ClassifierModel model, IDataset test)
    {
        using var noGrad = torch.no_grad();
        model.eval();
        var correct = 0L;
        var buffer = new BatchBuffer(1000, test.FeatureLength);
        var indices = Enumerable.Range(0, test.Count).ToArray();
        for (var start = 0; start < test.Count; start += buffer.Capacity)
        {
            using var scope = torch.NewDisposeScope();
            buffer.Fill(test, indices.AsSpan(start, Math.Min(buffer.Capacity, test.Count - start)));
            var logits = model.forward(torch.tensor(buffer.Features, [buffer.Count, test.FeatureLength]));
            correct += logits.argmax(1).eq(torch.tensor(buffer.Labels)).sum().item<long>();
        }

        return correct / (double)test.Count;
    }
}
