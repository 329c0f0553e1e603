using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Data;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class DataBuilderTests
{
    private static readonly Scenario Small = Scenario.Default with
    {
        Seed = 11,
        Dataset = new DatasetSettings { Kind = DatasetKind.Synthetic, TrainSize = 600, TestSize = 120, PublicFraction = 0.25, Classes = 4 },
        Partition = new PartitionSettings { Kind = PartitionKind.Iid },
        Clients = new ClientSettings { Count = 3 },
        ForgetRequests =
        [
            new ForgetRequestSettings { AtRound = 1, Scope = ForgetScope.Samples, Client = 1, Backdoor = new BackdoorSettings { TargetLabel = 0, Fraction = 0.1 } },
        ],
    };

    [Fact]
    public async Task Build_Synthetic_SplitsPublicClientsAndTestWithoutOverlap()
    {
        var data = await DataBuilder.BuildAsync(Small, CancellationToken.None);
        Assert.Equal(DatasetKind.Synthetic, data.Kind);
        Assert.Equal(150, data.Public!.Count);
        Assert.Equal(450, data.Pool.Count);
        var clientIds = data.Clients.SelectMany(c => c.GetIds()).ToList();
        Assert.Equal(data.Pool.GetIds().Order(), clientIds.Order());
        Assert.Empty(data.Public.GetIds().Intersect(clientIds));
        Assert.Equal(120, data.Test.Count);
        Assert.Equal(data.Test.GetIds().Order(), data.ClientTests.SelectMany(t => t.GetIds()).Order());
        Assert.Equal(4, data.ClassCount);
    }

    [Fact]
    public async Task Build_BackdoorRequest_PoisonsAShareOfTheClientsOtherClasses()
    {
        var data = await DataBuilder.BuildAsync(Small, CancellationToken.None);
        var poisoned = data.Poisoned[0];
        var client = data.Clients[1];
        Assert.Equal((int)Math.Round(0.1 * client.Count), poisoned.Length);
        var index = SampleIdIndex.Build(client);
        foreach (var i in index.Resolve(poisoned))
        {
            Assert.Equal(0, client.GetLabel(i));
            var features = client.Features(i);
            Assert.Equal(1f, features[^1]); // the 3×3 trigger in the bottom-right corner
            Assert.Equal(1, data.OwnerOf(client.GetId(i)));
        }
    }

    [Fact]
    public async Task Build_SameScenario_SameDataAndPoisonedIds()
    {
        var a = await DataBuilder.BuildAsync(Small, CancellationToken.None);
        var b = await DataBuilder.BuildAsync(Small, CancellationToken.None);
        Assert.Equal(a.Poisoned[0], b.Poisoned[0]);
        for (var c = 0; c < 3; c++) Assert.Equal(a.Clients[c].GetIds(), b.Clients[c].GetIds());
        var other = await DataBuilder.BuildAsync(Small with { Seed = 12 }, CancellationToken.None);
        Assert.NotEqual(a.Clients[0].GetIds(), other.Clients[0].GetIds());
    }

    [Fact]
    public async Task Build_FashionMnistMissing_SaysHowToGetIt()
    {
        var scenario = Small with { Dataset = Small.Dataset with { Kind = DatasetKind.FashionMnist, Path = "/nonexistent/fashion", Classes = 10 } };
        var error = await Assert.ThrowsAsync<FedUnlearn.Cli.Simulation.Orchestration.SimulationException>(() => DataBuilder.BuildAsync(scenario, CancellationToken.None));
        Assert.Contains("/nonexistent/fashion", error.Message);
        Assert.Contains("dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void Resolve_AutoWithoutFiles_IsSynthetic()
    {
        Assert.Equal(DatasetKind.Synthetic, DataBuilder.Resolve(new DatasetSettings { Kind = DatasetKind.Auto, Path = "/nonexistent" }));
    }
}
