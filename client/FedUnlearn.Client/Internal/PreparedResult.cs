using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Internal;

/// <summary>A task's result ready to upload: the header and, for train and unlearn tasks, the chunked adapter.</summary>
internal sealed record PreparedResult(SubmitUpdateHeader Header, ChunkedPayload? Payload)
{
    /// <summary>A computed result worth keeping for a resend (a local failure is cheap to report again).</summary>
    public bool IsComputed => Header.Error is null;

    public long PayloadBytes => Payload is null ? 0 : (long)Payload.Header.TotalSize;

    public static PreparedResult Failure(string taskId, ulong baseVersion, string code, string message) =>
        new(new SubmitUpdateHeader { TaskId = taskId, BaseVersion = baseVersion, Error = new ErrorDetail { Code = code, Message = message } }, null);
}
