using System.Buffers;
using System.IO.Pipelines;
using System.Net;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>
/// One request/response exchange on an <see cref="Http2Connection"/>. Counters and state are
/// guarded by the connection's lock; the response body arrives through a pipe the connection's
/// read loop fills (bounded by our flow-control window, so the pipe never pauses the writer).
/// </summary>
internal sealed partial class Http2Stream
{
    private static readonly PipeOptions BodyPipeOptions = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false);

    private readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _bodyLock = new(); // the read loop writes the body, any thread may fail it
    private bool _bodyCompleted;
    private CancellationTokenRegistration _cancellation;

    public Http2Stream(Http2Connection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Connection = connection;
        Request = request;
        CancellationToken = cancellationToken;
    }

    public Http2Connection Connection { get; }

    public HttpRequestMessage Request { get; }

    public CancellationToken CancellationToken { get; }

    public int Id { get; set; }

    public Task<HttpResponseMessage> ResponseTask => _response.Task;

    /// <summary>The response body: filled by the read loop, read by <see cref="Http2ResponseStream"/>.</summary>
    public Pipe Body { get; } = new(BodyPipeOptions);

    /// <summary>Bytes we may still send (peer's stream window); may go negative after a SETTINGS change.</summary>
    public long SendWindow { get; set; }

    /// <summary>Bytes the peer may still send before we grant more.</summary>
    public long ReceiveWindow { get; set; }

    /// <summary>Bytes the application has read and we have not yet granted back.</summary>
    public long Unacknowledged { get; set; }

    /// <summary>Body bytes delivered to the pipe and not yet read by the application.</summary>
    public long Unread { get; set; }

    public bool RequestEnded { get; set; }

    public bool ResponseEnded { get; set; }

    public bool HeadersReceived { get; set; }

    public HttpResponseMessage? Response { get; private set; }

    /// <summary>Why the stream ended abnormally (reset, cancellation, connection failure), else null.</summary>
    public Exception? Failure { get; set; }

    public bool IsClosed => Failure is not null || (RequestEnded && ResponseEnded);

    public void RegisterCancellation()
    {
        if (CancellationToken.CanBeCanceled)
        {
            _cancellation = CancellationToken.UnsafeRegister(static s => ((Http2Stream)s!).Connection.CancelStream((Http2Stream)s), this);
        }
    }

    public void DisposeCancellation() => _cancellation.Dispose();

    /// <summary>Called by the read loop with the decoded response headers (not trailers).</summary>
    public void SetResponse(HttpStatusCode status, List<(string Name, string Value)> headers)
    {
        var content = new Http2ResponseContent(new Http2ResponseStream(this));
        var response = new HttpResponseMessage(status) { Version = HttpVersion.Version20, RequestMessage = Request, Content = content };
        foreach ((string name, string value) in headers)
        {
            if (name.Length > 0 && name[0] == ':')
            {
                continue;
            }

            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        Response = response;
        _response.TrySetResult(response);
    }

    /// <summary>Called by the read loop with the trailing headers; the body ends after them.</summary>
    public void SetTrailers(List<(string Name, string Value)> trailers)
    {
        foreach ((string name, string value) in trailers)
        {
            if (name.Length == 0 || name[0] != ':')
            {
                Response!.TrailingHeaders.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>Appends response DATA for the application to read (read loop only).</summary>
    public void WriteBody(ReadOnlySequence<byte> data)
    {
        lock (_bodyLock)
        {
            if (_bodyCompleted)
            {
                return;
            }

            foreach (ReadOnlyMemory<byte> segment in data)
            {
                Body.Writer.Write(segment.Span);
            }

            // The pipe never pauses (flow control bounds it), so this completes at once.
            ValueTask<FlushResult> flush = Body.Writer.FlushAsync();
            System.Diagnostics.Debug.Assert(flush.IsCompleted, "The body pipe never applies back-pressure.");
        }
    }

    /// <summary>Ends the body: cleanly (null) or with the error the application's next read throws.</summary>
    public void CompleteBody(Exception? error)
    {
        lock (_bodyLock)
        {
            if (!_bodyCompleted)
            {
                _bodyCompleted = true;
                Body.Writer.Complete(error);
            }
        }
    }

    /// <summary>Fails whatever is still pending: the response task, the body, request writes.</summary>
    public void Fail(Exception requestFailure, Exception bodyFailure)
    {
        _response.TrySetException(requestFailure);
        CompleteBody(bodyFailure);
    }
}
