using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.Validation;

namespace FedUnlearn.Server.Aggregation.Internal;

/// <summary>
/// The bookkeeping every aggregator shares: validation (outside the lock, it only reads),
/// duplicate detection, weights, metrics, rejections and failures. Subclasses only fold.
/// </summary>
internal abstract class UpdateAggregatorBase : IUpdateAggregator
{
    private readonly UpdateValidator _validator;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);
    private readonly List<string> _contributors = [];
    private readonly List<RejectedUpdate> _rejected = [];
    private readonly List<RejectedUpdate> _failures = [];
    private readonly MetricAccumulator _metrics = new();
    private long _totalWeight;
    private bool _closed;

    protected UpdateAggregatorBase(RoundContext round, UpdateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(validator);
        Round = round;
        _validator = validator;
    }

    public RoundContext Round { get; }

    protected ParameterSet Global => Round.Global;

    public int AcceptedCount { get { lock (_gate) return _contributors.Count; } }

    public ValidationResult Add(ClientUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var verdict = _validator.Validate(Global, update, checkFinite: !FoldChecksFiniteness);
        if (verdict.IsValid) verdict = CheckUpdate(update);
        lock (_gate)
        {
            if (_closed) throw new InvalidOperationException($"Round {Round.Round}'s aggregation is closed; no update can be added.");
            if (verdict.IsValid && _accepted.Contains(update.ClientId))
                verdict = ValidationResult.Invalid($"client '{update.ClientId}' already contributed to round {Round.Round}");
            if (!verdict.IsValid)
            {
                _rejected.Add(new RejectedUpdate(update.ClientId ?? "", verdict.Reason!));
                return verdict;
            }
            if (Fold(update) is { } foldFailure)
            {
                verdict = ValidationResult.Invalid(foldFailure);
                _rejected.Add(new RejectedUpdate(update.ClientId, foldFailure));
                return verdict;
            }
            _accepted.Add(update.ClientId);
            _contributors.Add(update.ClientId);
            _totalWeight += update.SampleCount;
            _metrics.Add(update.Metrics, update.SampleCount);
            return verdict;
        }
    }

    public void ReportFailure(string clientId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        lock (_gate) _failures.Add(new RejectedUpdate(clientId, string.IsNullOrWhiteSpace(reason) ? "unspecified failure" : reason));
    }

    public AggregationResult Result()
    {
        lock (_gate)
        {
            if (_closed) throw new InvalidOperationException($"Round {Round.Round}'s aggregation result was already taken.");
            _closed = true;
            var parameters = _contributors.Count == 0 ? Global.Clone() : Combine(_totalWeight);
            var summary = new AggregationSummary(_contributors.Count, _totalWeight, [.. _contributors],
                [.. _rejected], [.. _failures], _metrics.Means());
            return new AggregationResult(parameters, summary);
        }
    }

    /// <summary>A strategy-specific check run after the common validation (outside the lock).</summary>
    protected virtual ValidationResult CheckUpdate(ClientUpdate update) => ValidationResult.Valid;

    /// <summary>
    /// True when <see cref="Fold"/> itself rejects non-finite values (fused into its single pass),
    /// so validation skips its own finiteness pass. The fold must then leave its state untouched
    /// when it rejects.
    /// </summary>
    protected virtual bool FoldChecksFiniteness => false;

    /// <summary>Folds a validated update in (under the lock); returns null, or why it was refused.</summary>
    protected abstract string? Fold(ClientUpdate update);

    /// <summary>Builds the new global adapter from at least one folded update (under the lock).</summary>
    protected abstract ParameterSet Combine(long totalWeight);
}
