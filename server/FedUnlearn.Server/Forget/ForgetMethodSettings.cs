using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Forget;

/// <summary>How a campaign runs one method: its rounds, the options sent to clients, its optimisation settings.</summary>
public sealed class ForgetMethodSettings
{
    /// <summary>Campaign rounds (K): each sends UnlearnTasks, aggregates and commits a version. Default 1.</summary>
    public int Rounds { get; set; } = 1;

    /// <summary>
    /// Ordinary training rounds with every online client at the start of a sample-scope campaign, before its
    /// <see cref="Rounds"/> unlearning rounds (the request's tombstones already keep the forgotten samples out of
    /// the requester's training). They give back, with everyone's data, what the forgotten samples cost the rest
    /// of the model, e.g. a boosted backdoor attacker's pull towards its own data; the correction then starts from
    /// that better model and comes last, so no training round inside the campaign can wear it down. Placed after
    /// the correction instead, one round brought part of a removed backdoor back (bench/run unlearn-federated:
    /// attack success 1.8% → 13.0% for rfa). A correction made on the requester's data alone still costs what it
    /// costs on its skewed data: keep it cheap on the method's side (rfa's feature alignment, nabla-tau's
    /// <c>retain-loss=distill</c>). Sample-scope requests only: a training round cannot leave a forgotten class out
    /// (a class request ignores them). <c>amnesiac</c> keeps its subtraction first (it is exact only on the
    /// global it was recorded against), so its repair rounds follow it. At least one unlearning round always runs.
    /// Default 0.
    /// </summary>
    public int RepairRounds { get; set; }

    /// <summary>
    /// Local optimisation settings of the <see cref="RepairRounds"/>' training tasks; null uses the server's training
    /// settings. A repair round only has to give back what the forgotten samples cost, so it can be lighter than a
    /// training round (bench/run unlearn-federated: one local epoch instead of two kept every goal at half the cost).
    /// </summary>
    public HyperParameters? RepairHyperParameters { get; set; }

    /// <summary>Method options sent as <c>UnlearnTask.method_options</c>; the client's method registry rejects unknown names.</summary>
    public IDictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Local optimisation settings of the campaign's tasks; null uses the server's training settings.</summary>
    public HyperParameters? HyperParameters { get; set; }
}
