using System.Globalization;
using FedUnlearn.IntegrationTests.Federation.Support;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Rounds;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Federation;

/// <summary>Three real clients train a LoRA adapter together: FedAvg rounds over gRPC make the global model better.</summary>
[Collection(FederationCollection.Name)]
public sealed class FedAvgTrainingTests(WeakBaseFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 3;

    [Fact]
    public async Task ThreeClients_ThreeFedAvgRounds_GlobalTestAccuracyRises()
    {
        var data = fixture.Data;
        var summaries = new List<RoundSummary>();
        await using (var federation = await FederationHarness.StartAsync(data, clients: 3, o => o.Rounds = Rounds, new TestOutputLogs(output)))
        {
            await federation.Running.Completion.WaitAsync(FederationHarness.Patience);
            for (var round = 1; round <= Rounds; round++) summaries.Add(await federation.Running.WaitForRoundAsync(round));
            foreach (var node in federation.Nodes) await node.StopAsync();
            await federation.StopServerAsync();

            await using var store = await federation.OpenStoreAsync();
            var accuracy = new double[Rounds + 1];
            for (var version = 0; version <= Rounds; version++)
                accuracy[version] = (await data.ClassAccuracyAsync(await store.LoadGlobalAsync(version))).Average();
            var loss = summaries.Select(s => s.Metrics["loss"]).ToArray();
            output.WriteLine($"test accuracy by version: {Format(accuracy)}; mean train loss by round: {Format(loss)}");

            Assert.All(summaries, s => Assert.Equal((RoundOutcome.Committed, 3, 0), (s.Outcome, s.Contributors.Count, s.Rejected.Count)));
            // 4 balanced classes: chance is 0.25. The weak base sits well below what the data allows...
            Assert.InRange(accuracy[0], 0.3, 0.6);
            // ...every round keeps or improves it (float noise aside), and three rounds add a large margin.
            for (var version = 1; version <= Rounds; version++)
                Assert.True(accuracy[version] >= accuracy[version - 1] - 0.02, $"Round {version} lost accuracy: {Format(accuracy)}");
            Assert.True(accuracy[Rounds] >= 0.72 && accuracy[Rounds] >= accuracy[0] + 0.2, $"Three rounds did not train the model: {Format(accuracy)}");
            Assert.True(loss[^1] < loss[0] - 0.1, $"The clients' training loss did not fall: {Format(loss)}");
        }
    }

    private static string Format(IEnumerable<double> values) => string.Join(" ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)));
}
