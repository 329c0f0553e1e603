using FedUnlearn.Client.Events;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Client.Internal;

/// <summary>The client's log messages (source-generated, allocation-free when disabled).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Information, "Joined federation {Federation} as {ClientId} (global adapter version {Version}).")]
    public static partial void Joined(ILogger logger, string federation, string clientId, ulong version);

    [LoggerMessage(2, LogLevel.Information, "Task {TaskId} ({Kind}) of round {Round} started from adapter version {Version}.")]
    public static partial void TaskStarted(ILogger logger, string taskId, ClientTaskKind kind, ulong round, ulong version);

    [LoggerMessage(3, LogLevel.Information, "Task {TaskId}: result {Outcome} ({Bytes} payload bytes, error {ErrorCode}).")]
    public static partial void TaskSubmitted(ILogger logger, string taskId, TaskSubmissionOutcome outcome, long bytes, string? errorCode);

    [LoggerMessage(4, LogLevel.Warning, "Task {TaskId}: the learner failed; the failure is reported to the server.")]
    public static partial void LearnerFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Task stream down ({Reason}); reconnect attempt {Attempt} in {Delay}.")]
    public static partial void Reconnecting(ILogger logger, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Information, "Forget request {RequestId} acknowledged with ticket {TicketId} ({State}).")]
    public static partial void ForgetAcknowledged(ILogger logger, string requestId, string ticketId, Storage.LocalForgetState state);

    [LoggerMessage(7, LogLevel.Warning, "Forget request {RequestId} not sent yet ({Reason}); it stays pending and is re-sent on reconnect.")]
    public static partial void ForgetPending(ILogger logger, string requestId, string reason);

    [LoggerMessage(8, LogLevel.Error, "Forget request {RequestId} was refused by the server: {Reason}.")]
    public static partial void ForgetRefused(ILogger logger, string requestId, string reason);

    [LoggerMessage(9, LogLevel.Information, "Server asked this client to stop: {Reason} (may reconnect: {MayReconnect}).")]
    public static partial void Shutdown(ILogger logger, string reason, bool mayReconnect);

    [LoggerMessage(10, LogLevel.Warning, "An event handler of {Event} threw; the client carries on.")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);
}
