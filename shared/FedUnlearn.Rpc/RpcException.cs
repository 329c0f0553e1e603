namespace FedUnlearn.Rpc;

/// <summary>
/// A call ended with a non-OK status. Thrown by client calls; thrown by service code (or
/// interceptors) to end a call with an explicit status.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception carrying <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    /// <summary>Creates an exception carrying <paramref name="status"/> and optional trailers.</summary>
    public RpcException(Status status, Metadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        if (status.Code == StatusCode.OK)
        {
            throw new ArgumentException("An RpcException cannot carry StatusCode.OK.", nameof(status));
        }

        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>The status the call ended with.</summary>
    public Status Status { get; }

    /// <summary>The status code, shorthand for <c>Status.Code</c>.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata: received ones on the client; ones to send on the server.</summary>
    public Metadata Trailers { get; }
}
