using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Internal;

/// <summary>Maps local forget requests to the wire and back. Only the sample count travels, never an id.</summary>
internal static class ForgetMessages
{
    public static RequestForgetRequest ToRequest(LocalForgetRequest request) => new()
    {
        RequestId = request.RequestId,
        Scope = request.Scope.Kind switch
        {
            ForgetScopeKind.Samples => new ForgetScope { Samples = new SampleScope { SampleCount = (ulong)request.SampleCount } },
            ForgetScopeKind.Class => new ForgetScope { ClassLabel = new ClassScope { Label = request.Scope.ClassLabel!.Value } },
            _ => new ForgetScope { Client = new ClientScope { ClientId = request.Scope.ClientId ?? "" } },
        },
        Method = request.Method,
        Reason = request.Reason,
    };

    public static LocalForgetState ToLocal(ForgetState state) => state switch
    {
        ForgetState.Running => LocalForgetState.Running,
        ForgetState.Verifying => LocalForgetState.Verifying,
        ForgetState.Completed => LocalForgetState.Completed,
        ForgetState.Failed => LocalForgetState.Failed,
        // Anything the server acknowledged is at least accepted (persisted before the ack).
        _ => LocalForgetState.Accepted,
    };

    public static ForgetRequestStatus ToStatus(ForgetStatus status)
    {
        var verification = new Dictionary<string, double>(StringComparer.Ordinal);
        if (status.Verification is { } v)
        {
            if (v.HasForgetAccuracy) verification["forget_accuracy"] = v.ForgetAccuracy;
            if (v.HasRetainAccuracy) verification["retain_accuracy"] = v.RetainAccuracy;
            if (v.HasTestAccuracy) verification["test_accuracy"] = v.TestAccuracy;
            if (v.HasMiaLossAccuracy) verification["mia_loss_accuracy"] = v.MiaLossAccuracy;
            if (v.HasMiaEntropyAccuracy) verification["mia_entropy_accuracy"] = v.MiaEntropyAccuracy;
            if (v.HasBackdoorSuccessRate) verification["backdoor_success_rate"] = v.BackdoorSuccessRate;
        }

        foreach (var (key, value) in status.Metrics) verification.TryAdd(key, value);
        var state = ToLocal(status.State);
        return new ForgetRequestStatus(
            status.TicketId,
            state,
            status.Method,
            status.Progress,
            (int)status.RoundsCompleted,
            (int)status.RoundsPlanned,
            state == LocalForgetState.Failed ? (string.IsNullOrWhiteSpace(status.FailureReason) ? "failed on the server" : status.FailureReason) : null,
            verification,
            status.UpdatedAt?.ToDateTimeOffset());
    }
}
