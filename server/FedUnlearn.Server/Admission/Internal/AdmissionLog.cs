using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Admission.Internal;

/// <summary>Log messages of admission.</summary>
internal static partial class AdmissionLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, string peer, string detail);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Admitted client '{ClientId}'")]
    public static partial void Admitted(ILogger logger, string clientId);
}
