using FedUnlearn.Client.Learning;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Partitioning;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// The data and base model every forgetting test shares: tiny synthetic 10×10 images of 4 classes whose
/// training ids are large, odd-looking numbers (so a test can search the server's files for them without
/// chance hits), a public fifth the base MLP was pre-trained on, the rest split IID between the clients.
/// </summary>
internal sealed class SyntheticFederation
{
    public const int Classes = 4;
    public const int ImageSize = 10;
    public const ulong Seed = 7;

    /// <summary>Training ids are <c>IdBase + position * IdStride</c>: 13-digit numbers no file holds by chance.</summary>
    public const long IdBase = 7_346_118_000_000, IdStride = 7_919;

    private SyntheticFederation(DenseDataset train, DenseDataset test, IDataset rest, BaseModelInfo baseModel)
    {
        Train = train;
        Test = test;
        Rest = rest;
        BaseModel = baseModel;
    }

    /// <summary>The whole training split (custom ids).</summary>
    public DenseDataset Train { get; }

    /// <summary>The held-out test split, for clients' test figures and central evaluation.</summary>
    public DenseDataset Test { get; }

    /// <summary>The training samples outside the public split: what the clients share out.</summary>
    public IDataset Rest { get; }

    /// <summary>The pre-trained base model file (no LoRA) and what the server reads from it.</summary>
    public BaseModelInfo BaseModel { get; }

    /// <summary>The base's LoRA: rank 4 on every linear layer.</summary>
    public LoRASpec LoRA => BaseModel.LoRA(rank: 4, alpha: 8);

    /// <summary>Generates the data and pre-trains the base model (<paramref name="pretrainEpochs"/> on the public split) into <paramref name="directory"/>.</summary>
    public static async Task<SyntheticFederation> CreateAsync(string directory, int pretrainEpochs = 8, CancellationToken cancellationToken = default)
    {
        var options = new SyntheticImageOptions
        {
            ClassCount = Classes, Height = ImageSize, Width = ImageSize, TrainSamplesPerClass = 250, TestSamplesPerClass = 60,
            NoiseStdDev = 0.45f, MaxShift = 1, Seed = Seed,
        };
        var raw = SyntheticImages.Generate(options, DatasetSplit.Train);
        var ids = Enumerable.Range(0, raw.Count).Select(i => IdBase + i * IdStride).ToArray();
        var train = new DenseDataset("e2e-synthetic/train", raw.AllFeatures.ToArray(), raw.Labels.ToArray(), ids, raw.FeatureShape, raw.ClassCount);
        var test = SyntheticImages.Generate(options, DatasetSplit.Test);
        var isPublic = Enumerable.Range(0, train.Count).Select(i => i % 5 == 0).ToArray();
        var publicPart = train.Subset(Enumerable.Range(0, train.Count).Where(i => isPublic[i]), "e2e-synthetic/public");
        var rest = train.Subset(Enumerable.Range(0, train.Count).Where(i => !isPublic[i]), "e2e-synthetic/federated");

        var spec = new ModelSpec { Kind = ModelKind.Mlp, InputChannels = 1, ImageSize = ImageSize, NumClasses = Classes, HiddenSizes = [32] };
        var path = Path.Combine(directory, BaseModelFile.DefaultFileName);
        using (var model = ModelFactory.Create(spec, seed: 11))
        {
            new LocalTrainer(new TrainingOptions { Epochs = pretrainEpochs, BatchSize = 32, LearningRate = 3e-3, Seed = 11 })
                .Train(model, publicPart, cancellationToken: cancellationToken);
            await ModelFactory.SaveBaseAsync(model, path, cancellationToken);
        }

        return new SyntheticFederation(train, test, rest, await BaseModelInfo.ReadAsync(path, cancellationToken));
    }

    /// <summary>Per-class accuracy of the base with <paramref name="adapter"/> on the test split, evaluated centrally.</summary>
    public async Task<double[]> ClassAccuracyAsync(ParameterSet adapter)
    {
        using var model = await ModelFactory.LoadBaseAsync(BaseModel.Path, LoRA);
        model.LoadAdapterParameterSet(adapter);
        var report = ModelEvaluator.Predict(model, Test).Report();
        return [.. report.PerClass.Select(c => c.Accuracy ?? double.NaN)];
    }

    /// <summary>Client <paramref name="index"/>'s share of <see cref="Rest"/> among <paramref name="clients"/> (IID, seeded).</summary>
    public IDataset Partition(int clients, int index) => new IidPartitioner().Partition(Rest, clients, Seed)[index];
}
