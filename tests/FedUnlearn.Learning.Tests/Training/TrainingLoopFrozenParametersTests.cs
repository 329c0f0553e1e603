using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Training;

[Collection(TorchModelCollection.Name)]
public sealed class TrainingLoopFrozenParametersTests
{
    private static readonly TrainingOptions Options = new() { Epochs = 2, BatchSize = 50, LearningRate = 1e-2, WeightDecay = 0.01, Seed = 1 };

    [Fact]
    public void Train_FrozenLoraA_EveryAIsBitIdentical_BStillTrains_AndGradModeIsRestored()
    {
        using var model = TinyTask.Model();
        var aNames = model.named_lora_parameters().Select(p => p.name).Where(n => n.EndsWith(".lora_A", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(aNames);
        var before = model.ToAdapterParameterSet();

        new LocalTrainer(Options with { FrozenParameters = aNames }).Train(model, TinyTask.Train);

        var after = model.ToAdapterParameterSet();
        Assert.All(aNames, n => Assert.Equal(before[n].Data, after[n].Data));
        Assert.Contains(after, t => t.Name.EndsWith(".lora_B", StringComparison.Ordinal) && !t.Data.SequenceEqual(before[t.Name].Data));
        Assert.All(model.named_lora_parameters(), p => Assert.True(p.parameter.requires_grad, p.name));
    }

    [Fact]
    public void Train_NothingFrozen_AChanges()
    {
        // The control for the test above: without the freeze, the same run moves A (weight decay alone would).
        using var model = TinyTask.Model();
        var before = model.ToAdapterParameterSet();

        new LocalTrainer(Options).Train(model, TinyTask.Train);

        Assert.NotEqual(before["fc1.lora_A"].Data, model.ToAdapterParameterSet()["fc1.lora_A"].Data);
    }

    [Fact]
    public void Train_FrozenNameTheModelLacks_ThrowsNamingIt_AndTheAdapterIsUntouched()
    {
        using var model = TinyTask.Model();
        var before = TinyTask.AdapterHash(model);

        var error = Assert.Throws<ArgumentException>(() =>
            new LocalTrainer(Options with { FrozenParameters = ["fc9.lora_A"] }).Train(model, TinyTask.Train));

        Assert.Contains("Cannot freeze 'fc9.lora_A'", error.Message);
        Assert.Equal(before, TinyTask.AdapterHash(model));
    }

    [Fact]
    public void Train_EveryTrainableParameterFrozen_ThrowsNothingLeftToTrain()
    {
        using var model = TinyTask.Model();
        string[] all = [.. model.named_parameters(trainableOnly: true).Select(p => p.name)];

        var error = Assert.Throws<InvalidOperationException>(() =>
            new LocalTrainer(Options with { FrozenParameters = all }).Train(model, TinyTask.Train));

        Assert.Contains("no trainable parameter left", error.Message);
    }
}
