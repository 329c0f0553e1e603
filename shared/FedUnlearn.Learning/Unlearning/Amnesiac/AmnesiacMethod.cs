using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// <c>amnesiac</c> — amnesiac / partial amnesiac unlearning (after Gogineni &amp; Nadimi, arXiv
/// 2403.07611): subtracts from the adapter the updates the client's <see cref="AmnesiacLedger"/> stored
/// for every batch that held a forget sample, then drops those batches from the ledger. No
/// optimisation (Steps = 0). Exact for what was recorded with top-p = 1 (the later updates that
/// depended on those batches stay: the method's known approximation); with top-p &lt; 1 only the
/// stored coordinates are undone. A retain-only node has nothing of its own to subtract and keeps the adapter.
/// </summary>
public sealed class AmnesiacMethod(AmnesiacLedger ledger, AmnesiacOptions? options = null) : IUnlearningMethod
{
    /// <summary>The registry name.</summary>
    public const string MethodName = "amnesiac";

    /// <summary>The client's ledger.</summary>
    public AmnesiacLedger Ledger { get; } = ledger ?? throw new ArgumentNullException(nameof(ledger));

    /// <summary>The method's options.</summary>
    public AmnesiacOptions Options { get; } = options ?? new();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public UnlearningRequirements Requirements => UnlearningRequirements.None;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The ledger recorded another adapter layout, or forget samples were in dropped batches (without <c>allow-lost</c>).</exception>
    /// <exception cref="TrainingDivergedException">The subtraction gave a non-finite value; nothing changed, ledger included.</exception>
    public UnlearningReport Apply(UnlearningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["steps"] = 0 };
        if (context.RetainOnly) return Report(context, metrics, skipped: true);

        var adapter = context.Model.ToAdapterParameterSet();
        if (Ledger.Layout is not { } layout)
            throw new InvalidOperationException("The amnesiac ledger is empty: nothing was recorded during training, so there is no update to subtract.");
        if (layout.Mismatch(adapter) is { } mismatch)
            throw new InvalidOperationException($"The model's adapter does not match the one the amnesiac ledger recorded: {mismatch}.");

        var ids = new HashSet<long>(context.Forget!.GetIds());
        var (batches, lost, neverSeen) = Ledger.Select(ids);
        if (lost > 0 && !Options.AllowLost)
        {
            throw new InvalidOperationException(
                $"{lost} of the {ids.Count} forget samples were in batches the amnesiac ledger dropped to stay within {Ledger.Options.MaxBytes} bytes; "
                + "their updates cannot be subtracted. Raise the ledger's bound, use another method (e.g. retrain), or pass allow-lost=true.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sum = Ledger.Sum(batches);
        double norm = 0;
        foreach (var tensor in adapter)
        {
            var update = sum[tensor.Name].Data;
            for (var i = 0; i < update.Length; i++)
            {
                norm += (double)update[i] * update[i];
                tensor.Data[i] -= update[i];
                if (!float.IsFinite(tensor.Data[i]))
                    throw new TrainingDivergedException($"adapter value in '{tensor.Name}' after subtracting the stored updates", tensor.Data[i], 0, 0, double.NaN);
            }
        }

        context.Model.LoadAdapterParameterSet(adapter);
        Ledger.Remove(batches, ids);
        metrics["subtracted_batches"] = batches.Count;
        metrics["subtracted_norm"] = Math.Sqrt(norm);
        metrics["lost_ids"] = lost;
        metrics["never_seen_ids"] = neverSeen;
        return Report(context, metrics, skipped: false);
    }

    private UnlearningReport Report(UnlearningContext context, Dictionary<string, double> metrics, bool skipped)
    {
        if (skipped) metrics["skipped"] = 1;
        metrics["ledger_batches"] = Ledger.BatchCount;
        metrics["ledger_bytes"] = Ledger.StoredBytes;
        metrics["ledger_dropped_batches"] = Ledger.DroppedBatches;
        return new UnlearningReport(context.Retain.Count + context.ForgetCount, 0, metrics);
    }
}
