namespace FedUnlearn.Server.Audit;

/// <summary>
/// Content of an audit record: what was asked, how it was done and how it was checked. Every
/// member is optional so one shape serves every <see cref="AuditRecord.Kind"/>.
/// Never put sample ids here: only counts leave a client.
/// </summary>
public sealed record AuditBody
{
    /// <summary>The forget request concerned (scope and counts).</summary>
    public AuditRequestSummary? Request { get; init; }

    /// <summary>Unlearning method name, e.g. <c>rfa</c>.</summary>
    public string? Method { get; init; }

    /// <summary>Campaign rounds run.</summary>
    public int? Rounds { get; init; }

    /// <summary>Hex <c>ParameterSet.ContentHash()</c> of the global adapter before the campaign.</summary>
    public string? AdapterHashBefore { get; init; }

    /// <summary>Hex <c>ParameterSet.ContentHash()</c> of the global adapter after the campaign.</summary>
    public string? AdapterHashAfter { get; init; }

    /// <summary>
    /// Verification metrics (e.g. forget accuracy, MIA accuracy). Names use letters, digits and
    /// <c>_ . - : /</c>; values may be any double, NaN and infinities included.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Free-form named strings (failure reason, operator note...). Same naming rule as metrics.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}
