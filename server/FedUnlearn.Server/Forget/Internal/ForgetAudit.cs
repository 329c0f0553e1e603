using System.Globalization;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>Audit bodies of forget requests: scope kind and counts (never sample ids), method, rounds, hashes, metrics.</summary>
internal static class ForgetAudit
{
    public static string ScopeText(ForgetScopeKind scope) => scope switch
    {
        ForgetScopeKind.Samples => "samples",
        ForgetScopeKind.Class => "class",
        _ => "client",
    };

    public static AuditRequestSummary Summary(ForgetRequestRecord request) => new(request.Scope switch
    {
        ForgetScopeKind.Samples => AuditScopeKind.Samples,
        ForgetScopeKind.Class => AuditScopeKind.Class,
        _ => AuditScopeKind.Client,
    })
    {
        SampleCount = request.SampleCount,
        ClassLabel = request.ClassLabel,
        ClientId = request.TargetClient,
        RequestedBy = request.RequestedBy,
        Reason = request.Reason.Length > 0 ? request.Reason : null,
    };

    public static AuditBody Accepted(ForgetRequestRecord request) => new()
    {
        Request = Summary(request),
        Method = request.Method,
        Fields = new Dictionary<string, string>
        {
            ["rounds_planned"] = request.RoundsPlanned.ToString(CultureInfo.InvariantCulture),
            ["accepted_at"] = Time(request.CreatedAt),
        },
    };

    public static AuditBody Finished(ForgetRequestRecord request, DateTimeOffset finishedAt)
    {
        var fields = new Dictionary<string, string>(request.Fields) { ["accepted_at"] = Time(request.CreatedAt), ["finished_at"] = Time(finishedAt) };
        if (request.RunningAt is { } running) fields["running_at"] = Time(running);
        if (request.VerifyingAt is { } verifying) fields["verifying_at"] = Time(verifying);
        if (request.FailureReason is { } reason) fields["failure_reason"] = reason;
        if (request.VersionBefore is { } before) fields["adapter_version_before"] = before.ToString(CultureInfo.InvariantCulture);
        if (request.VersionAfter is { } after) fields["adapter_version_after"] = after.ToString(CultureInfo.InvariantCulture);
        return new AuditBody
        {
            Request = Summary(request),
            Method = request.Method,
            Rounds = request.RoundsCompleted,
            AdapterHashBefore = request.HashBefore,
            AdapterHashAfter = request.HashAfter,
            Metrics = request.Metrics,
            Fields = fields,
        };
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
