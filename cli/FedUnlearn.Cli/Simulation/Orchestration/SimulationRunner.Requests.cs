using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Reports;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Server.Forget;

namespace FedUnlearn.Cli.Simulation.Orchestration;

public sealed partial class SimulationRunner
{
    /// <summary>
    /// One forget request: every method that handles it runs its campaign from the same global model
    /// (the reference first when the others are judged against it), then central evaluation against
    /// the reference; the main line adopts the reference's model (or the first method's).
    /// </summary>
    private async Task ForgetAsync(SimulationContext context, Timeline line, int index, CancellationToken cancellationToken)
    {
        var scenario = context.Scenario;
        var set = ForgetSet.Choose(context, index);
        if (set.Leaving is not null && line.History is null)
            throw new SimulationException($"Forget request {index + 1} ({set.Description}): no single federation store holds the model's history since "
                + "its start, so the client's contributions cannot be removed from it (see forgetRequests[].atRound in docs/scenario.md).");
        line.Events.Add(new ForgetEvent { Request = index, AfterRound = line.Trained, Scope = set.Request.Scope, Description = set.Description });
        var methods = scenario.MethodsFor(index);
        var judged = scenario.Evaluation.JudgeAgainstReference && scenario.Evaluation.Reference == ReferenceKind.Retrain;
        var outcomes = new CampaignOutcome?[methods.Count];
        VerificationPolicy? policy = null;
        // The reference runs first when it judges the others: its verification figures are their reference.
        foreach (var k in Enumerable.Range(0, methods.Count).OrderBy(k => judged && IsReference(scenario, methods[k]) ? 0 : 1))
        {
            outcomes[k] = methods[k].Name == MethodCatalog.ShardedExact
                ? await ShardedCampaignAsync(context, line, set, methods[k], cancellationToken).ConfigureAwait(false)
                : await CampaignAsync(context, line, set, methods[k], policy, cancellationToken).ConfigureAwait(false);
            if (judged && outcomes[k]!.IsReference && outcomes[k]!.Verification is { } verified)
            {
                policy = ServerOptionsFactory.Reporting(scenario);
                policy.Reference = VerificationReference.FromReport(verified);
            }
        }

        var sets = set.EvaluationSets(context);
        var reference = outcomes.FirstOrDefault(o => o!.IsReference);
        var results = new List<MethodResult>();
        foreach (var o in outcomes.Select(o => o!))
        {
            var metrics = CentralEvaluation.Full(context, o.Adapter, sets, o.IsReference ? null : reference?.Adapter, scenario.Evaluation.Mia, cancellationToken);
            var history = o.History.Select(h =>
            {
                var (forget, test) = CentralEvaluation.ForgetAndTest(context, h.Adapter, sets, cancellationToken);
                return new CampaignRound { Round = h.Round, ForgetAccuracy = forget, TestAccuracy = test, WallTimeSeconds = h.Seconds, BytesSent = h.BytesSent };
            }).ToList();
            var result = MethodResult.FromMetrics(o.Method.DisplayName, o.Method.Name, metrics, o.History.Count, o.IsReference) with
            {
                WallTimeSeconds = o.WallSeconds,
                BytesSent = o.BytesSent,
                BytesReceived = o.BytesReceived,
                History = history,
                Verdict = o.Verdict,
            };
            results.Add(result);
            _progress.CampaignCompleted(index, result);
        }

        line.Requests.Add(new ForgetRequestResult
        {
            Index = index,
            AtRound = line.Trained,
            Scope = set.Request.Scope,
            Client = set.Request.Client,
            Label = set.Request.Label,
            Description = set.Description,
            ForgetCount = set.Ids.Length,
            Backdoor = set.IsBackdoor,
            Methods = results,
        });
        set.Apply(context);
        var adopted = reference ?? outcomes[0]!;
        line.Current = adopted.Adapter;
        line.Version += adopted.Commits;
        // A retraining restarts the adapter inside its own store, which therefore holds the adopted model's whole history.
        line.History = adopted.IsReference ? adopted.Federation : null;
    }

    private static bool IsReference(Scenario scenario, MethodSettings method) =>
        scenario.Evaluation.Reference == ReferenceKind.Retrain && method.Name == MethodCatalog.Retrain;
}
