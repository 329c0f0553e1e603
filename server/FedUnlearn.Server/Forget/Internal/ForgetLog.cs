using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>Log messages of forget requests and campaigns.</summary>
internal static partial class ForgetLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Forget request {Ticket} accepted: {Scope} scope, method {Method}, requested by {RequestedBy}")]
    public static partial void Accepted(ILogger logger, string ticket, string scope, string method, string requestedBy);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Forget request {Ticket}: {State}")]
    public static partial void Transition(ILogger logger, string ticket, string state);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Forget request {Ticket} completed after {Rounds} round(s)")]
    public static partial void Completed(ILogger logger, string ticket, int rounds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Forget request {Ticket} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string ticket, string reason);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Client '{ClientId}' removed for forget request {Ticket}: {Removal}")]
    public static partial void ClientRemoved(ILogger logger, string clientId, string ticket, string removal);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Forget request {Ticket}: the campaign failed unexpectedly")]
    public static partial void CampaignCrashed(ILogger logger, string ticket, Exception exception);
}
