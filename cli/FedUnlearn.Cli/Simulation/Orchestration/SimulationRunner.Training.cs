using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Cli.Simulation.Orchestration;

public sealed partial class SimulationRunner
{
    /// <summary>Trains the main line up to <paramref name="untilRound"/> in one federation, then evaluates every new global model.</summary>
    private async Task TrainAsync(SimulationContext context, Timeline line, int untilRound, CancellationToken cancellationToken)
    {
        var first = line.Trained + 1;
        var count = untilRound - line.Trained;
        var total = context.Scenario.Training.Rounds;
        var settings = new PhaseSettings($"train-{first}-{untilRound}", line.Current, count, PhaseSeed(context, (ulong)first));
        var committed = new List<(RoundSummary Summary, long Sent, long Received)>();
        await using (var phase = await FederationPhase.StartAsync(context, settings, cancellationToken).ConfigureAwait(false))
        {
            var offset = AmnesiacHistory.Offset(context.PhaseNumber);
            phase.RunClients();
            long sent = 0, received = 0;
            for (long r = 1; committed.Count < count; r++)
            {
                var summary = await phase.WaitForRoundAsync(r, cancellationToken).ConfigureAwait(false);
                if (summary.Outcome != RoundOutcome.Committed) continue;
                var (s, v) = (phase.Relay.ServerSent, phase.Relay.ServerReceived);
                committed.Add((summary, s - sent, v - received));
                context.Amnesiac.Committed(offset, summary, phase.Samples);
                (sent, received) = (s, v);
                _progress.RoundCompleted(line.Trained + committed.Count, total, Seconds(summary));
            }

            await phase.Server.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            await phase.StopAsync().ConfigureAwait(false);
            var records = new List<RoundRecord>();
            foreach (var (summary, s, v) in committed)
            {
                var adapter = await phase.LoadAdapterAsync(summary.CommittedVersion!.Value, cancellationToken).ConfigureAwait(false);
                var (accuracy, loss) = CentralEvaluation.Test(context, adapter, cancellationToken);
                line.Current = adapter;
                records.Add(new RoundRecord
                {
                    Round = ++line.Trained,
                    GlobalVersion = ++line.Version,
                    TestAccuracy = accuracy,
                    TestLoss = loss,
                    ClientSamples = [.. Enumerable.Range(0, context.Scenario.Clients.Count).Select(c => phase.Samples.GetValueOrDefault((summary.Round, c)))],
                    RejectedUpdates = summary.Rejected.Count,
                    WallTimeSeconds = Seconds(summary),
                    BytesSent = s,
                    BytesReceived = v,
                });
            }

            line.Rounds.AddRange(records);
            // From the base, this store holds the whole history; later segments start from an adopted model whose rounds are elsewhere.
            line.History = first == 1 ? phase.History : null;
            _progress.RoundsEvaluated(records);
        }
    }

    private static double Seconds(RoundSummary summary) => (summary.FinishedAt - summary.StartedAt).TotalSeconds;

    /// <summary>A server seed per federation, so that client sampling and task seeds differ between segments but not between runs.</summary>
    private static int PhaseSeed(SimulationContext context, ulong salt) =>
        (int)(SeededRandom.Derive(context.Scenario.Seed, 1_000 + salt) & int.MaxValue);
}
