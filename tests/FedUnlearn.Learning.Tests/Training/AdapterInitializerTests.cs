using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Training;

[Collection(TorchModelCollection.Name)]
public sealed class AdapterInitializerTests
{
    [Fact]
    public void Reset_SameSeed_GivesIdenticalFreshAdapterWithZeroB()
    {
        using var a = TinyTask.Model(seed: 1);
        using var b = TinyTask.Model(seed: 2);
        new LocalTrainer(new TrainingOptions { LearningRate = 1e-2 }).Train(a, TinyTask.Train);

        Assert.Equal(2, AdapterInitializer.Reset(a, seed: 5));
        AdapterInitializer.Reset(b, seed: 5);

        Assert.Equal(TinyTask.AdapterHash(a), TinyTask.AdapterHash(b));
        var adapter = a.ToAdapterParameterSet();
        Assert.All(adapter.Where(t => t.Name.EndsWith("lora_B", StringComparison.Ordinal)), t => Assert.All(t.Data, v => Assert.Equal(0f, v)));
        var fc1A = adapter["fc1.lora_A"].Data;
        Assert.InRange(fc1A.Max(Math.Abs), 0.2f, 0.25f);
        AdapterInitializer.Reset(b, seed: 6);
        Assert.NotEqual(TinyTask.AdapterHash(a), TinyTask.AdapterHash(b));
    }
}
