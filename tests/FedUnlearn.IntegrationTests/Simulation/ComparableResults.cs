using FedUnlearn.Cli.Simulation.Reports;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>Simulation results as JSON without what measures the machine rather than the method: wall times and byte counts.</summary>
internal static class ComparableResults
{
    public static string Metrics(SimulationResults r) => ResultsJson.Serialize(r with
    {
        WallTimeSeconds = 0,
        Rounds = [.. r.Rounds.Select(x => x with { WallTimeSeconds = 0, BytesSent = 0, BytesReceived = 0 })],
        Requests = [.. r.Requests.Select(q => q with
        {
            Methods = [.. q.Methods.Select(m => m with
            {
                WallTimeSeconds = 0, BytesSent = 0, BytesReceived = 0, SpeedUp = null,
                History = [.. m.History.Select(h => h with { WallTimeSeconds = 0, BytesSent = 0 })],
            })],
        })],
    });
}
