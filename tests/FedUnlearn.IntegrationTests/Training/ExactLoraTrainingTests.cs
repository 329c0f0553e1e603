using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Training;

/// <summary>
/// Exact-LoRA training end to end with real LoRA learners over gRPC: the server's TrainTasks freeze every
/// A, the nodes (whose announced model does not freeze A) honour that, every update is accepted and the
/// rounds commit with the global A untouched.
/// </summary>
[Collection(ForgettingCollection.Name)]
public sealed class ExactLoraTrainingTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Rounds_ExactLora_CommitEveryUpdate_GlobalAStaysBitIdentical_BTrains()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3,
            o => (o.Strategy, o.Rounds, o.MaxFailedRounds) = (StrategyNames.ExactLora, 2, 1), new TestOutputLogs(output));

        // MaxFailedRounds = 1: a single rejected round would fault the completion instead of retrying.
        await federation.Running.Completion.WaitAsync(FederationHarness.Patience);
        var rounds = federation.Running.RecentRounds.OrderBy(r => r.Round).ToList();
        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();

        Assert.Equal([(1L, RoundOutcome.Committed), (2L, RoundOutcome.Committed)], rounds.Select(r => (r.Round, r.Outcome)));
        Assert.All(rounds, r => Assert.Equal((3, 0, 0), (r.Contributors.Count, r.Rejected.Count, r.Failures.Count)));
        await using var store = await federation.OpenStoreAsync();
        var initial = await store.LoadGlobalAsync(0);
        var final = await store.LoadGlobalAsync(2);
        var aNames = initial.Select(t => t.Name).Where(n => n.Contains(".lora_A", StringComparison.Ordinal)).ToList();
        var bNames = initial.Select(t => t.Name).Where(n => n.Contains(".lora_B", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(aNames);
        Assert.All(aNames, n => Assert.Equal(initial[n].Data, final[n].Data));
        Assert.All(bNames, n => Assert.NotEqual(initial[n].Data, final[n].Data));
    }
}
