using System.Security.Cryptography;
using FedUnlearn.Learning.Unlearning.Amnesiac.Internal;
using FedUnlearn.Learning.Unlearning.LayerWise.Internal;

namespace FedUnlearn.Learning.Unlearning.Amnesiac;

public sealed partial class AmnesiacJournal
{
    /// <summary>
    /// Σ over rounds r with weight wᵣ &gt; 0 of wᵣ · Σ (stored update of each batch of round r holding any of
    /// <paramref name="ids"/>), in double precision, each update pruned to the top <paramref name="topFraction"/>
    /// per tensor. Batches another request already subtracted are skipped (their update left the model once);
    /// a repeated task for the same request (<paramref name="ticket"/>, else the same forget set) subtracts the
    /// same batches again, so a campaign round run twice gives the same correction.
    /// </summary>
    internal JournalCorrection Correct(IReadOnlySet<long> ids, IReadOnlyDictionary<long, double> weights, double topFraction, string? ticket = null)
    {
        lock (_gate)
        {
            var key = ticket is null ? ClaimKey(ids) : "ticket:" + ticket;
            var claimedByOthers = _claims.Where(c => c.Key != key).SelectMany(c => c.Value).ToHashSet();
            var lost = new HashSet<long>(ids.Where(_lost.Contains));
            var seen = new HashSet<long>();
            var used = new List<(long Round, long Sequence)>();
            var unrecorded = new List<long>();
            LedgerLayout? layout = null;
            double[][]? sums = null;
            var rounds = 0;
            foreach (var (round, weight) in weights.OrderBy(w => w.Key))
            {
                if (!_rounds.TryGetValue(round, out var ledger))
                {
                    if (!_evicted.Contains(round)) unrecorded.Add(round);
                    continue;
                }

                lost.UnionWith(ids.Where(ledger.IsLost));
                if (ledger.Layout is not { } roundLayout) continue;
                if (layout is null)
                {
                    layout = roundLayout;
                    sums = [.. Enumerable.Range(0, layout.Names.Length).Select(t => new double[layout.Length(t)])];
                }
                else if (layout.Mismatch(roundLayout.ToZeros()) is { } mismatch)
                {
                    throw new InvalidOperationException($"Round {round} of the amnesiac journal recorded another adapter layout: {mismatch}.");
                }

                var any = false;
                foreach (var batch in ledger.Select(ids).Batches.OrderBy(b => b.Sequence))
                {
                    seen.UnionWith(batch.Ids.Where(ids.Contains));
                    if (claimedByOthers.Contains((round, batch.Sequence))) continue;
                    for (var t = 0; t < batch.Updates.Length; t++)
                        AddScaled(batch.Updates[t], sums![t], weight, TopMagnitude.Kept(layout.Length(t), topFraction));
                    used.Add((round, batch.Sequence));
                    any = true;
                }

                if (any) rounds++;
            }

            var neverSeen = ids.Count(id => !seen.Contains(id) && !lost.Contains(id));
            return new JournalCorrection(key, layout, sums, used, rounds, lost.Count, neverSeen, unrecorded);
        }
    }

    /// <summary>Remembers which batches the request <paramref name="key"/> subtracted (written by the next <see cref="FlushAsync"/>).</summary>
    internal void Claim(string key, IEnumerable<(long Round, long Sequence)> batches)
    {
        lock (_gate) _claims[key] = [.. batches];
    }

    /// <summary>A forget set's claim key: the SHA-256 of its sorted ids (it stays on the node, like the ids).</summary>
    private static string ClaimKey(IReadOnlySet<long> ids)
    {
        var bytes = new byte[8 * ids.Count];
        var i = 0;
        foreach (var id in ids.Order()) BitConverter.TryWriteBytes(bytes.AsSpan(8 * i++), id);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static void AddScaled(SparseUpdate update, double[] sum, double weight, int keep)
    {
        var positions = keep >= update.Values.Length ? null : TopMagnitude.Select(update.Values, keep);
        var count = positions?.Length ?? update.Values.Length;
        for (var j = 0; j < count; j++)
        {
            var p = positions is null ? j : positions[j];
            sum[update.Indices is null ? p : update.Indices[p]] += weight * update.Values[p];
        }
    }
}
