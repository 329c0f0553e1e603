using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// <c>amnesiac</c> in federated form: the forgetting client subtracts from the incoming global adapter
/// C = Σᵣ wᵣ · Σ (stored update of each batch of its round r that held a forget sample), wᵣ being the
/// weight its update carried in round r's aggregate (<see cref="FederatedAmnesiacOptions.RoundWeights"/>,
/// sent by the server). Steps = 0. Like the central method it leaves the later updates that depended on
/// those batches (its own and other clients'); unlike it, the batches stay in the journal, claimed by
/// this forget set, so a campaign round run again subtracts the same correction. Fails, changing
/// nothing, when a forget sample's round was evicted or an aggregated round was never recorded (unless
/// <c>allow-lost</c>), or when no round weights were sent. A retain-only node keeps the adapter.
/// </summary>
public sealed class FederatedAmnesiacMethod(AmnesiacJournal journal, FederatedAmnesiacOptions? options = null) : IUnlearningMethod
{
    /// <summary>The client's journal.</summary>
    public AmnesiacJournal Journal { get; } = journal ?? throw new ArgumentNullException(nameof(journal));

    /// <summary>The task's options.</summary>
    public FederatedAmnesiacOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => AmnesiacMethod.MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.None;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">No round weights, evicted or unrecorded updates (without <c>allow-lost</c>), or another adapter layout.</exception>
    /// <exception cref="TrainingDivergedException">The subtraction gave a non-finite value; nothing changed.</exception>
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["steps"] = 0 };
        if (context.RetainOnly) return Report(context, metrics, skipped: true);
        if (Options.RoundWeights is not { } weights)
            throw new InvalidOperationException(
                "Federated amnesiac unlearning needs the weight of this client's update in each aggregated round (option 'round-weights', sent by the server's campaign); the task carried none.");

        var ids = new HashSet<long>(context.Forget!.GetIds());
        var found = Journal.Correct(ids, weights, Options.TopFraction ?? 1, Options.Ticket);
        if ((found.Lost > 0 || found.UnrecordedRounds.Count > 0) && !Options.AllowLost)
            throw new InvalidOperationException(Missing(found.Lost, ids.Count, found.UnrecordedRounds));

        var adapter = context.Model.ToAdapterParameterSet();
        if (found.Layout?.Mismatch(adapter) is { } mismatch)
            throw new InvalidOperationException($"The model's adapter does not match the one the amnesiac journal recorded: {mismatch}.");
        cancellationToken.ThrowIfCancellationRequested();
        double norm = 0;
        for (var t = 0; found.Sum is not null && t < found.Layout!.Names.Length; t++)
        {
            var tensor = adapter[found.Layout.Names[t]];
            var correction = found.Sum[t];
            for (var i = 0; i < correction.Length; i++)
            {
                norm += correction[i] * correction[i];
                tensor.Data[i] = (float)(tensor.Data[i] - correction[i]);
                if (!float.IsFinite(tensor.Data[i]))
                    throw new TrainingDivergedException($"adapter value in '{tensor.Name}' after subtracting the stored updates", tensor.Data[i], 0, 0, double.NaN);
            }
        }

        context.Model.LoadAdapterParameterSet(adapter);
        Journal.Claim(found.ClaimKey, found.Batches);
        metrics["subtracted_batches"] = found.Batches.Count;
        metrics["subtracted_rounds"] = found.Rounds;
        metrics["subtracted_norm"] = Math.Sqrt(norm);
        metrics["lost_ids"] = found.Lost;
        metrics["never_seen_ids"] = found.NeverSeen;
        metrics["unrecorded_rounds"] = found.UnrecordedRounds.Count;
        return Report(context, metrics, skipped: false);
    }

    private string Missing(int lost, int total, IReadOnlyList<long> unrecorded)
    {
        var parts = new List<string>();
        if (lost > 0)
            parts.Add($"{lost} of the {total} forget samples were in training rounds the amnesiac journal evicted to stay within its retention "
                + $"({Journal.Options.MaxRounds} rounds, {Journal.Options.MaxBytes} bytes)");
        if (unrecorded.Count > 0)
            parts.Add($"the server aggregated this client's update in {unrecorded.Count} round(s) the journal never recorded (first: {unrecorded[0]}; "
                + "recording started later, or the journal was deleted)");
        return string.Join("; ", parts) + ": their updates cannot be subtracted. Keep more rounds, use another method (e.g. retrain), or pass allow-lost=true.";
    }

    private UnlearningReport Report(UnlearningContext context, Dictionary<string, double> metrics, bool skipped)
    {
        if (skipped) metrics["skipped"] = 1;
        metrics["ledger_rounds"] = Journal.Rounds.Count;
        metrics["ledger_bytes"] = Journal.StoredBytes;
        metrics["ledger_evicted_rounds"] = Journal.EvictedRoundCount;
        return new UnlearningReport(context.Retain.Count + context.ForgetCount, 0, metrics);
    }
}
