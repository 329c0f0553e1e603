using FedUnlearn.Cli;
using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>sharded-exact through <c>fedunlearn simulate</c>: a sharded federation of its own, compared with retraining.</summary>
[Collection(SimulationCollection.Name)]
public sealed class ShardedSimulationTests
{
    private const string Scenario = """
        {
          "name": "sharded-quick",
          "seed": 7,
          "dataset": { "kind": "synthetic", "trainSize": 1000, "testSize": 200, "publicFraction": 0.2, "classes": 4 },
          "partition": { "kind": "iid" },
          "clients": { "count": 4 },
          "model": { "kind": "mlp", "hiddenSizes": [32], "lora": { "rank": 4, "alpha": 8 } },
          "training": { "rounds": 3, "localEpochs": 1, "batchSize": 32, "learningRate": 0.003 },
          "forgetRequests": [{ "atRound": 2, "scope": "samples", "client": 0, "count": 20 }],
          "methods": [{ "name": "sharded-exact", "options": { "shards": 2 } }, { "name": "retrain" }],
          "evaluation": { "mia": false, "reference": "retrain" }
        }
        """;

    [Fact]
    public async Task Simulate_ShardedExact_RetrainsTheRequestersShardForItsRoundsOnly()
    {
        var directory = Directory.CreateTempSubdirectory("fedunlearn-sharded-").FullName;
        try
        {
            var scenario = Path.Combine(directory, "scenario.json");
            await File.WriteAllTextAsync(scenario, Scenario);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await CliApp.RunAsync(["simulate", scenario, "--output", Path.Combine(directory, "report")], output, error);
            Assert.True(code == 0, error.ToString() + output);

            var results = await ResultsJson.ReadAsync(Path.Combine(directory, "report", ReportFiles.Results));
            var request = Assert.Single(results.Requests);
            Assert.Equal(["sharded-exact", "retrain"], request.Methods.Select(m => m.Name));
            var sharded = request.Methods[0];
            // Filed after round 2: client 0's shard had trained twice, and only those two rounds run again.
            Assert.Equal(2, sharded.Rounds);
            Assert.Equal(2, sharded.History.Count);
            Assert.All(sharded.History, h => Assert.True(h.BytesSent > 0));
            Assert.InRange(sharded.TestAccuracy!.Value, 0.5, 1.0);
            Assert.True(sharded.BytesSent > 0 && sharded.WallTimeSeconds > 0);
            Assert.Equal([1, 2, 3], results.Rounds.Select(r => r.Round));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
