using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// Removes a client's contributions from the committed history using the stored per-round deltas.
/// From the version before the first round the client contributed to, every committed round is
/// aggregated again with the configured strategy over the stored deltas of the other clients:
/// G'ᵢ = G'ᵢ₋₁ + agg(Δᵢ,c for c ≠ leaving). For FedAvg that is Σ n·Δ / Σ n over the remaining
/// clients. It is exact over the stored deltas, not a retraining: the remaining clients' later
/// deltas were computed from globals the client had influenced, which the repair rounds then address.
/// </summary>
/// <remarks>
/// Before trusting the history, each round is first replayed with every contributor and must
/// reproduce its committed version (to float32 rounding, since the original fold order was the
/// arrival order). The replay gives up, with a reason, when a round's deltas were pruned by
/// retention, when a round changed the adapter server-side (a reset or an earlier removal), or when
/// a replay does not reproduce its version.
/// </remarks>
internal static class DeltaReplay
{
    public static async Task<ReplayOutcome> RemoveAsync(IFederationStore store, Func<RoundContext, IUpdateAggregator> createAggregator,
        string clientStoreId, CancellationToken cancellationToken)
    {
        IReadOnlyList<RoundRecord> rounds = await store.ListCommittedRoundsAsync(cancellationToken).ConfigureAwait(false);
        int first = -1;
        var contributions = new List<IReadOnlyList<RoundContribution>>(rounds.Count);
        for (int i = 0; i < rounds.Count; i++)
        {
            contributions.Add(await store.ListContributionsAsync(rounds[i].Number, cancellationToken).ConfigureAwait(false));
            if (first < 0 && contributions[i].Any(c => c.ClientId == clientStoreId)) first = i;
        }

        if (first < 0) return new ReplayOutcome(null, 0, 0, null);
        ParameterSet corrected = await store.LoadGlobalAsync(rounds[first].GlobalVersionIn, cancellationToken).ConfigureAwait(false);
        int affected = 0;
        for (int i = first; i < rounds.Count; i++)
        {
            RoundRecord round = rounds[i];
            IReadOnlyList<RoundContribution> stored = contributions[i];
            if (round.Participants == 0 || stored.Count == 0)
                return Fallback($"round {round.Number} changed the adapter server-side (an adapter reset or an earlier removal), which stored client deltas cannot replay");
            if (stored.FirstOrDefault(c => c.BlobHash is null) is not null)
                return Fallback($"the client deltas of round {round.Number} are no longer retained (the client first contributed in round {rounds[first].Number}); keep more rounds (StoreOptions.RetainedDeltaRounds) to remove clients exactly");

            var deltas = new List<(RoundContribution Contribution, ParameterSet Delta)>(stored.Count);
            foreach (RoundContribution contribution in stored)
                deltas.Add((contribution, await store.LoadBlobAsync(contribution.BlobHash!, cancellationToken).ConfigureAwait(false)));
            ParameterSet original = await store.LoadGlobalAsync(round.GlobalVersionIn, cancellationToken).ConfigureAwait(false);
            ParameterSet committed = await store.LoadGlobalAsync(round.GlobalVersionOut!.Value, cancellationToken).ConfigureAwait(false);
            (ParameterSet? replayed, string? refused) = Fold(createAggregator, round, original, deltas);
            if (replayed is null) return Fallback($"replaying round {round.Number}: {refused}");
            if (Difference(replayed, committed) is { } diff)
                return Fallback($"replaying round {round.Number} from its stored deltas does not reproduce version {round.GlobalVersionOut} ({diff})");

            var remaining = deltas.Where(d => d.Contribution.ClientId != clientStoreId).ToList();
            if (remaining.Count < deltas.Count) affected++;
            // A round the leaving client alone contributed to leaves the adapter as it was.
            if (remaining.Count == 0) continue;
            (ParameterSet? next, refused) = Fold(createAggregator, round, corrected, remaining);
            corrected = next ?? throw new InvalidOperationException($"Re-aggregating round {round.Number} without the client refused an update the full replay accepted: {refused}");
        }

        return new ReplayOutcome(corrected, rounds.Count - first, affected, null);
    }

    private static ReplayOutcome Fallback(string reason) => new(null, 0, 0, reason);

    private static (ParameterSet? Result, string? Refused) Fold(Func<RoundContext, IUpdateAggregator> createAggregator, RoundRecord round,
        ParameterSet global, List<(RoundContribution Contribution, ParameterSet Delta)> deltas)
    {
        IUpdateAggregator aggregator = createAggregator(new RoundContext(round.Number, round.GlobalVersionIn, global));
        foreach ((RoundContribution contribution, ParameterSet delta) in deltas)
        {
            ValidationResult result = aggregator.Add(new ClientUpdate(contribution.ClientId, contribution.SampleCount, delta, UpdateKind.Delta));
            if (!result.IsValid) return (null, $"the stored update of task {contribution.TaskId} is refused now: {result.Reason}");
        }

        return (aggregator.Result().Parameters, null);
    }

    /// <summary>Null when equal to float32 summation-order rounding; otherwise where they differ.</summary>
    private static string? Difference(ParameterSet replayed, ParameterSet committed)
    {
        if (committed.DescribeLayoutMismatch(replayed) is { } mismatch) return mismatch;
        foreach (ParameterTensor expected in committed)
        {
            float[] actual = replayed[expected.Name].Data;
            for (int i = 0; i < actual.Length; i++)
                if (!(Math.Abs(actual[i] - expected.Data[i]) <= 1e-6f + 1e-5f * Math.Abs(expected.Data[i])))
                    return $"'{expected.Name}'[{i}] is {actual[i]} instead of {expected.Data[i]}";
        }

        return null;
    }
}
