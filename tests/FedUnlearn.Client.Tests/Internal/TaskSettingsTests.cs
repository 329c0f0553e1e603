using FedUnlearn.Client.Internal;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Tests.Internal;

public sealed class TaskSettingsTests
{
    [Fact]
    public void Train_ShardedTask_LeavesTheServerRoundOutSoAShardsRetrainingReplaysItsSeeds()
    {
        var plain = new ClientTask { Round = 7, HyperParameters = new HyperParameters { Seed = 42 }, Train = new TrainTask() };
        var sharded = new ClientTask { Round = 7, HyperParameters = new HyperParameters { Seed = 42 }, Train = new TrainTask { Shards = { 1 } } };

        Assert.Equal((42L, 7L), (TaskSettings.Train(plain).Seed, TaskSettings.Train(plain).Round));
        Assert.Equal((42L, 0L), (TaskSettings.Train(sharded).Seed, TaskSettings.Train(sharded).Round));
    }

    [Fact]
    public void Train_FrozenParameters_AreMappedForTrainAndUnlearnTasksOnly()
    {
        var train = new ClientTask { Round = 1, Train = new TrainTask { FrozenParameters = { "fc1.lora_A", "fc2.lora_A" } } };
        var unlearn = new ClientTask { Round = 1, Unlearn = new UnlearnTask { Role = UnlearnRole.Retain, Method = "rfa", FrozenParameters = { "fc1.lora_A" } } };
        var evaluate = new ClientTask { Round = 1, Evaluate = new EvaluateTask() };

        Assert.Equal(["fc1.lora_A", "fc2.lora_A"], TaskSettings.Train(train).FrozenParameters);
        Assert.Equal(["fc1.lora_A"], TaskSettings.Train(unlearn).FrozenParameters);
        Assert.Empty(TaskSettings.Train(evaluate).FrozenParameters);
    }

    [Fact]
    public void Evaluate_MaxSamples_IsPassedToTheLearnerWithTheTaskSeed()
    {
        var capped = new ClientTask { Round = 2, HyperParameters = new HyperParameters { Seed = 11 }, Evaluate = new EvaluateTask { MaxSamples = 1000 } };
        var huge = new ClientTask { Round = 2, Evaluate = new EvaluateTask { MaxSamples = uint.MaxValue } };

        Assert.Equal((1000, 11L), (TaskSettings.Evaluate(capped).MaxSamples, TaskSettings.Evaluate(capped).Seed));
        Assert.Equal(0, TaskSettings.Evaluate(new ClientTask { Evaluate = new EvaluateTask() }).MaxSamples);
        Assert.Equal(int.MaxValue, TaskSettings.Evaluate(huge).MaxSamples);
    }
}
