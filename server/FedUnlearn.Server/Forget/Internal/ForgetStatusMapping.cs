using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;
using Google.Protobuf.WellKnownTypes;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>Stored requests to the wire's ForgetStatus and back for states.</summary>
internal static class ForgetStatusMapping
{
    public static ForgetState State(ForgetRequestState state) => state switch
    {
        ForgetRequestState.Accepted => ForgetState.Accepted,
        ForgetRequestState.Running => ForgetState.Running,
        ForgetRequestState.Verifying => ForgetState.Verifying,
        ForgetRequestState.Completed => ForgetState.Completed,
        _ => ForgetState.Failed,
    };

    public static ForgetRequestState State(ForgetState state) => state switch
    {
        ForgetState.Accepted => ForgetRequestState.Accepted,
        ForgetState.Running => ForgetRequestState.Running,
        ForgetState.Verifying => ForgetRequestState.Verifying,
        ForgetState.Completed => ForgetRequestState.Completed,
        _ => ForgetRequestState.Failed,
    };

    public static ForgetScope Scope(ForgetRequestRecord request) => request.Scope switch
    {
        ForgetScopeKind.Samples => new ForgetScope { Samples = new SampleScope { SampleCount = (ulong)(request.SampleCount ?? 0) } },
        ForgetScopeKind.Class => new ForgetScope { ClassLabel = new ClassScope { Label = request.ClassLabel ?? 0 } },
        _ => new ForgetScope { Client = new ClientScope { ClientId = request.TargetClient ?? "" } },
    };

    public static ForgetStatus Status(ForgetRequestRecord request)
    {
        var status = new ForgetStatus
        {
            TicketId = request.TicketId,
            Scope = Scope(request),
            State = State(request.State),
            Method = request.Method,
            Progress = Progress(request),
            RoundsCompleted = (uint)request.RoundsCompleted,
            RoundsPlanned = (uint)request.RoundsPlanned,
            FailureReason = request.State == ForgetRequestState.Failed ? request.FailureReason ?? "" : "",
            RequestedBy = request.RequestedBy ?? "",
            CreatedAt = Timestamp.FromDateTimeOffset(request.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(request.UpdatedAt),
            AdapterHashBefore = request.HashBefore ?? "",
            AdapterHashAfter = request.HashAfter ?? "",
        };
        if (request.Verification is { } verification) status.Verification = EvaluationReport.Parser.ParseFrom(verification);
        foreach ((string name, double value) in request.Metrics) status.Metrics[name] = value;
        return status;
    }

    /// <summary>Campaign rounds done out of planned, with verification as one more step.</summary>
    private static double Progress(ForgetRequestRecord request) => request.State switch
    {
        ForgetRequestState.Accepted => 0,
        ForgetRequestState.Completed or ForgetRequestState.Failed => 1,
        ForgetRequestState.Verifying => (double)request.RoundsPlanned / (request.RoundsPlanned + 1),
        _ => (double)request.RoundsCompleted / (request.RoundsPlanned + 1),
    };
}
