using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Tests.Simulation.Reports;

/// <summary>Hand-made results with known numbers: 4 rounds, a samples request (with a backdoor) and a class request.</summary>
internal static class SampleResults
{
    public static SimulationResults Create(string rfaLabel = "rfa") => new()
    {
        Scenario = Scenario.Default with { Training = new() { Rounds = 4 } },
        Environment = new()
        {
            Seed = 42, FedUnlearnVersion = "0.1.0", DotNetVersion = ".NET 10.0.0", LibTorchVersion = "1.13.1",
            OperatingSystem = "Linux", MachineCores = 2, Dataset = DatasetKind.FashionMnist,
        },
        Rounds = [.. Enumerable.Range(1, 4).Select(r => new RoundRecord
        {
            Round = r, GlobalVersion = r, TestAccuracy = 0.5 + 0.1 * r, TestLoss = 1.0 / r,
            ClientSamples = [100, r == 2 ? 0 : 200, 300, 400, 500], WallTimeSeconds = 1.25 * r, BytesSent = 1_048_576, BytesReceived = 2048,
        })],
        ForgetEvents =
        [
            new() { Request = 0, AfterRound = 2, Scope = ForgetScope.Samples, Description = "10% of client 0" },
            new() { Request = 1, AfterRound = 3, Scope = ForgetScope.Class, Description = "class 3 <Dress> & co" },
        ],
        Requests =
        [
            new()
            {
                Index = 0, AtRound = 2, Scope = ForgetScope.Samples, Client = 0, Description = "10% of client 0", ForgetCount = 10, Backdoor = true,
                Methods =
                [
                    Method(rfaLabel, "rfa", forget: 0.123, retain: 0.876, test: 0.85, mia: 0.512, asr: 0.04, dist: 0.01234, seconds: 2, bytes: 1536),
                    Method("nabla-tau", "nabla-tau", forget: 0.2, retain: 0.81, test: 0.8, mia: 0.55, asr: 0.1, dist: 0.05, seconds: 4, bytes: 3 * 1_048_576),
                    Method("retrain", "retrain", forget: 0.1, retain: 0.9, test: 0.86, mia: 0.52, asr: 0.02, dist: null, seconds: 20, bytes: 10 * 1_048_576, reference: true),
                ],
            },
            new()
            {
                Index = 1, AtRound = 3, Scope = ForgetScope.Class, Label = 3, Description = "class 3 <Dress> & co", ForgetCount = 120,
                Methods =
                [
                    Method(rfaLabel, "rfa", forget: 0.05, retain: 0.88, test: 0.8, mia: null, asr: null, dist: 0.02, seconds: 1.5, bytes: 512) with
                    {
                        PerClassTestAccuracy = [0.9, 0.95, 0.8, 0.05, null, 0.9, 0.7, 0.9, 0.95, 0.9],
                    },
                    Method("retrain", "retrain", forget: 0, retain: 0.9, test: 0.81, mia: null, asr: null, dist: null, seconds: 30, bytes: 1_048_576, reference: true) with
                    {
                        PerClassTestAccuracy = [0.9, 0.95, 0.8, 0, null, 0.9, 0.7, 0.9, 0.95, 0.9],
                    },
                ],
            },
        ],
        WallTimeSeconds = 80.5,
    };

    private static MethodResult Method(string label, string name, double forget, double retain, double test, double? mia, double? asr,
        double? dist, double seconds, long bytes, bool reference = false) => new()
    {
        Method = label, Name = name, IsReference = reference, ForgetAccuracy = forget, RetainAccuracy = retain, TestAccuracy = test,
        MiaLoss = mia, MiaEntropy = mia, AttackSuccessRate = asr, ActivationDistance = dist, JensenShannon = dist / 2, Rounds = reference ? 2 : 1,
        WallTimeSeconds = seconds, BytesSent = bytes, BytesReceived = bytes / 2,
        History = [new() { Round = 1, ForgetAccuracy = forget, RetainAccuracy = retain, TestAccuracy = test, WallTimeSeconds = seconds, BytesSent = bytes }],
    };
}
