using FedUnlearn.Client.Learning;
using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Client.Tests.Learning;

public sealed class LoRALearnerFactoryTests
{
    private static readonly LocalTrainSettings OneEpoch = new() { Epochs = 1, BatchSize = 16, LearningRate = 0.05, Seed = 3, Round = 1 };

    [Theory]
    [InlineData(ModelKind.Mlp)]
    [InlineData(ModelKind.Cnn)]
    [InlineData(ModelKind.Vit)]
    public async Task CreateAsync_AnnouncedBase_AdapterMatchesManagedInitAndTrainsOneTask(ModelKind kind)
    {
        await using var tiny = await TinyBase.CreateAsync(kind);
        var sha = await BaseModelFile.Sha256Async(tiny.Path);
        var announced = tiny.Announce(initSeed: 11, sha256: sha.ToUpperInvariant());

        using var learner = await LoRALearnerFactory.CreateAsync(tiny.Context(announced), tiny.Train, options: new LocalLearnerOptions { TestData = tiny.Test });

        // What the aggregator builds without libtorch is bit for bit what the node initialises.
        var file = await SafeTensorsFile.ReadFileAsync(tiny.Path);
        var managed = LoRAAdapterInit.Create(LoRAAdapterInit.FindLayers(file, [.. announced.Lora.TargetModules]), rank: 2, seed: 11);
        Assert.Equal(managed.ContentHash(), learner.Model.ToAdapterParameterSet().ContentHash());
        Assert.Equal(tiny.Train.Count, learner.SampleCount);

        var result = await learner.TrainAsync(managed, OneEpoch, null, CancellationToken.None);

        Assert.Equal(tiny.Train.Count, result.SampleCount);
        Assert.Null(managed.DescribeLayoutMismatch(result.Adapter));
        Assert.NotEqual(managed.ContentHash(), result.Adapter.ContentHash());
        Assert.True(result.Adapter.All(t => t.Data.All(float.IsFinite)));
        Assert.InRange(result.Metrics["test_accuracy"], 0, 1);
        Assert.Equal(3, result.Metrics["steps"]);
    }

    [Fact]
    public async Task CreateAsync_ContextWithJournal_RecordsEachTrainingRoundInTheDataDirectory_AndOffersAmnesiac()
    {
        await using var tiny = await TinyBase.CreateAsync(ModelKind.Mlp);
        var context = new LearnerContext(tiny.Announce(), "cpu", tiny.Directory.Path, tiny.Store, new AmnesiacJournalOptions { MaxRounds = 1 });
        using var learner = await LoRALearnerFactory.CreateAsync(context, tiny.Train);
        var global = learner.Model.ToAdapterParameterSet();

        await learner.TrainAsync(global, OneEpoch with { Round = 3 }, null, CancellationToken.None);
        await learner.TrainAsync(global, OneEpoch with { Round = 4 }, null, CancellationToken.None);

        var directory = System.IO.Path.Combine(tiny.Directory.Path, LearnerContext.AmnesiacDirectoryName);
        Assert.Equal([4L], context.Amnesiac!.Rounds);
        Assert.Equal(["round-000000000004.ledger"], System.IO.Directory.GetFiles(directory, "*.ledger").Select(System.IO.Path.GetFileName));
        Assert.Equal(tiny.Train.Count, context.Amnesiac.LostIdCount);   // round 3 was evicted: its samples can no longer be undone
        // The learner's default registry runs amnesiac over the journal (weights missing: refused with the option's name).
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => learner.UnlearnAsync(global,
            new LocalUnlearnSettings { Method = "amnesiac", Role = FedUnlearn.Learning.Federated.UnlearnRole.Forget, ForgetClass = 0 }, null, CancellationToken.None));
        Assert.Contains("round-weights", failed.Message);
    }

    [Fact]
    public async Task CreateAsync_FreezeA_TrainsOnlyB()
    {
        await using var tiny = await TinyBase.CreateAsync();
        using var learner = await LoRALearnerFactory.CreateAsync(tiny.Context(tiny.Announce(freezeA: true)), tiny.Train);
        var start = learner.Model.ToAdapterParameterSet();

        var trained = (await learner.TrainAsync(start, OneEpoch, null, CancellationToken.None)).Adapter;

        Assert.All(trained.Where(t => t.Name.EndsWith("lora_A", StringComparison.Ordinal)), t => Assert.Equal(start[t.Name].Data, t.Data));
        Assert.Contains(trained.Where(t => t.Name.EndsWith("lora_B", StringComparison.Ordinal)), t => t.Data.Any(v => v != 0));
    }

    [Fact]
    public async Task CreateAsync_Sha256Mismatch_ErrorNamesBothHashes()
    {
        await using var tiny = await TinyBase.CreateAsync();
        var actual = await BaseModelFile.Sha256Async(tiny.Path);
        var announced = new string('a', 64);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            LoRALearnerFactory.CreateAsync(tiny.Context(tiny.Announce(sha256: announced)), tiny.Train));

        Assert.Contains($"has sha256 {actual}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"announced base_model_sha256 {announced}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OtherArchitectureThanAnnounced_ClearError()
    {
        await using var tiny = await TinyBase.CreateAsync();
        var announced = tiny.Announce(spec: tiny.Spec with { HiddenSizes = [32] });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LoRALearnerFactory.CreateAsync(tiny.Context(announced), tiny.Train));

        Assert.Contains("hidden_sizes=16", error.Message, StringComparison.Ordinal);
        Assert.Contains("hidden_sizes=32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NoBaseFile_SaysWhereItLooked()
    {
        await using var tiny = await TinyBase.CreateAsync();
        var missing = Path.Combine(tiny.Directory.Path, "nope.safetensors");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => LoRALearnerFactory.CreateAsync(tiny.Context(tiny.Announce()), tiny.Train, missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AnnouncementWithoutLoRA_ClearError()
    {
        await using var tiny = await TinyBase.CreateAsync();
        var announced = tiny.Announce();
        announced.Lora = null;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LoRALearnerFactory.CreateAsync(tiny.Context(announced), tiny.Train));

        Assert.Contains("no LoRA adapter", error.Message, StringComparison.Ordinal);
    }
}
