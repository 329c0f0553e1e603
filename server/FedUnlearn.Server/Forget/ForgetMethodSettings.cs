using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Server.Forget;

/// <summary>How a campaign runs one method: its rounds, the options sent to clients, its optimisation settings.</summary>
public sealed class ForgetMethodSettings
{
    /// <summary>Campaign rounds (K): each sends UnlearnTasks, aggregates and commits a version. Default 1.</summary>
    public int Rounds { get; set; } = 1;

    /// <summary>
    /// Ordinary training rounds with every online client after the <see cref="Rounds"/> unlearning rounds,
    /// part of the campaign and verified after it (the request's tombstones keep the forgotten samples out).
    /// They give back what a correction made on one client's data cost the rest of the model. Sample-scope requests
    /// only: a training round cannot leave a forgotten class out (a class request ignores them). Measured on
    /// bench/run unlearn-federated's backdoor request, one repair round brings test accuracy back to retraining's
    /// but lets part of the backdoor return (see its README), so it is a trade-off, off by default. Default 0.
    /// </summary>
    public int RepairRounds { get; set; }

    /// <summary>Method options sent as <c>UnlearnTask.method_options</c>; the client's method registry rejects unknown names.</summary>
    public IDictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Local optimisation settings of the campaign's tasks; null uses the server's training settings.</summary>
    public HyperParameters? HyperParameters { get; set; }
}
