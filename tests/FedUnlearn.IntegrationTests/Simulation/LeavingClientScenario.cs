namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>
/// A small federation of 3 clients, 2 training rounds, then a class request and client 1 leaving while offline:
/// the leaving client's request continues the store of the class request's retraining.
/// </summary>
internal static class LeavingClientScenario
{
    /// <summary>The scenario's JSON with <paramref name="methods"/> (a JSON array's items) and the MIA on or off.</summary>
    public static string Json(string name, string methods, bool mia) => $$"""
        {
          "name": "{{name}}", "seed": 11,
          "dataset": { "kind": "synthetic", "trainSize": 900, "testSize": 200, "publicFraction": 0.2, "classes": 4 },
          "partition": { "kind": "iid" },
          "clients": { "count": 3 },
          "model": { "kind": "mlp", "hiddenSizes": [32], "lora": { "rank": 4, "alpha": 8 } },
          "training": { "rounds": 2, "localEpochs": 1, "batchSize": 32, "learningRate": 0.003 },
          "forgetRequests": [
            { "atRound": 2, "scope": "class", "label": 2 },
            { "atRound": 2, "scope": "client", "client": 1, "offline": true }
          ],
          "methods": [ {{methods}} ],
          "evaluation": { "mia": {{(mia ? "true" : "false")}}, "reference": "retrain" }
        }
        """;
}
