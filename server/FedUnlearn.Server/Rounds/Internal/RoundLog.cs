using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>Log messages of the round runner.</summary>
internal static partial class RoundLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Round {Round} started from version {Version} with {Clients} client(s)")]
    public static partial void Started(ILogger logger, long round, long version, int clients);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Round {Round} committed version {Version}: {Accepted} accepted, {Rejected} rejected, {Failed} failed")]
    public static partial void Committed(ILogger logger, long round, long version, int accepted, int rejected, int failed);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Round {Round} abandoned: {Reason}")]
    public static partial void Abandoned(ILogger logger, long round, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Round {Round} extended: {Accepted} of {Needed} updates; new deadline {Deadline}")]
    public static partial void Extended(ILogger logger, long round, int accepted, int needed, DateTimeOffset deadline);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Round {Round}: update for task {TaskId} from '{ClientId}' rejected: {Reason}")]
    public static partial void UpdateRejected(ILogger logger, long round, string taskId, string clientId, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Round {Round}: client '{ClientId}' failed task {TaskId}: {Reason}")]
    public static partial void TaskFailed(ILogger logger, long round, string taskId, string clientId, string reason);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "All {Version} configured rounds are committed; the runner is done")]
    public static partial void Finished(ILogger logger, long version);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "The round runner failed")]
    public static partial void RunnerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "Recovered {Count} interrupted round(s); continuing from version {Version}")]
    public static partial void Recovered(ILogger logger, int count, long version);

    [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "Round {Round} committed version {Version} server-side: {What}")]
    public static partial void CommittedServerSide(ILogger logger, long round, long version, string what);
}
