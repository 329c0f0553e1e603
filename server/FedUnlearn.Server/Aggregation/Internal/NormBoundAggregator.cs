using System.Globalization;
using FedUnlearn.Server.Aggregation.NormBound;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>Bounds each update's delta norm, then hands it to the wrapped aggregator.</summary>
internal sealed class NormBoundAggregator(IUpdateAggregator inner, NormBoundOptions options) : IUpdateAggregator
{
    private readonly Lock _gate = new();
    private readonly List<RejectedUpdate> _rejected = [];
    private int _clipped;

    public RoundContext Round => inner.Round;

    public int AcceptedCount => inner.AcceptedCount;

    public ValidationResult Add(ClientUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var global = Round.Global;
        // A malformed update cannot be measured: the wrapped aggregator rejects it with the precise reason.
        if (update.Parameters is null || global.DescribeLayoutMismatch(update.Parameters) is not null)
            return inner.Add(update);
        var norm = DeltaMath.Norm(global, update);
        if (!double.IsFinite(norm)) return inner.Add(update);

        var hard = options.Mode == NormBoundMode.Reject ? options.Bound : options.RejectAbove;
        if (norm > hard)
        {
            var verdict = ValidationResult.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"delta L2 norm {norm:G6} exceeds the bound {hard.Value:G6}"));
            lock (_gate) _rejected.Add(new RejectedUpdate(update.ClientId ?? "", verdict.Reason!));
            return verdict;
        }
        if (norm <= options.Bound) return inner.Add(update);

        var result = inner.Add(DeltaMath.ScaledDelta(global, update, (float)(options.Bound / norm)));
        if (result.IsValid) Interlocked.Increment(ref _clipped);
        return result;
    }

    public void ReportFailure(string clientId, string reason) => inner.ReportFailure(clientId, reason);

    public AggregationResult Result()
    {
        var result = inner.Result();
        lock (_gate)
        {
            var summary = result.Summary with
            {
                Rejected = [.. _rejected, .. result.Summary.Rejected],
                Clipped = result.Summary.Clipped + _clipped,
            };
            return result with { Summary = summary };
        }
    }
}
