using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Learning.Unlearning.ShardedExact;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class AdvancedMethodLeakTests
{
    [Fact]
    public void RfaLayerWiseAmnesiacShardedExact_FreeEveryNativeTensorTheyCreate()
    {
        using var model = TinyTask.TrainedModel();
        var registry = MethodRegistry.CreateDefault();
        var live = Tensor.LiveCount;

        UnlearningRunner.Run(registry.Create("rfa", new Dictionary<string, string> { ["target"] = "uniform-kl", ["retain-ce"] = "1" }), UnlearningScenario.Context(model));
        UnlearningRunner.Run(registry.Create("layer-wise", new Dictionary<string, string> { ["inner"] = "rfa", ["layers"] = "fc1", ["top-p"] = "0.5" }), UnlearningScenario.Context(model));
        var ledger = new AmnesiacLedger(new AmnesiacLedgerOptions { TopFraction = 0.2 });
        using (var recording = ledger.BeginRecording(model))
        {
            new LocalTrainer(UnlearningScenario.Training, recording.Hooks).Train(model, TinyTask.Train);
            recording.Commit();
        }

        UnlearningRunner.Run(new AmnesiacMethod(ledger), UnlearningScenario.Context(model));
        var set = ShardedAdapterSet.Train(model, TinyTask.Train, new ShardedSpec { Shards = 2, Training = UnlearningScenario.Training });
        set.Forget(model, TinyTask.Train, [TinyTask.Train.GetId(0)]);
        set.Predict(model, TinyTask.Test);

        Assert.Equal(live, Tensor.LiveCount);
    }
}
