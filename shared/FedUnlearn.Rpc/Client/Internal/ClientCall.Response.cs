using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using FedUnlearn.Rpc.Internal;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>The response side: headers, messages, trailers, and failure bookkeeping.</summary>
internal sealed partial class ClientCall<TRequest, TResponse>
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024);

    /// <summary>The next response message, null after an OK end; throws <see cref="RpcException"/> otherwise.</summary>
    public async ValueTask<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await _headers.Task.ConfigureAwait(false);
        if (_status is { } done)
        {
            return done.Code == StatusCode.OK ? null : throw new RpcException(done, _trailers);
        }

        using CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this)
            : default;
        TResponse? message;
        try
        {
            message = await _reader!.ReadAsync(_method.ResponseParser, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        return message ?? FinishFromTrailers();
    }

    /// <summary>Reads the single response of unary and client-streaming calls.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        TResponse response = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw Fail(new RpcException(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw Fail(new RpcException(StatusCode.Internal, "The server sent more than one response message."));
        }

        return response;
    }

    /// <summary>The exception a failed request write should surface: the call's status when it has one.</summary>
    public async Task<RpcException> GetWriteFailureAsync(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return Fail(rpc);
        }

        try
        {
            // A failed write usually means the call has ended (server error, reset, cancellation):
            // its response headers are then known or about to fail.
            await _headers.Task.ConfigureAwait(false);
        }
        catch (RpcException failed)
        {
            return failed;
        }

        return _status is { } status && status.Code != StatusCode.OK ? new RpcException(status, _trailers) : Fail(exception);
    }

    private async Task ReceiveHeadersAsync(Task<HttpResponseMessage> send)
    {
        try
        {
            HttpResponseMessage response = await send.ConfigureAwait(false);
            _response = response;
            bool gzip = ValidateResponse(response);
            Metadata headers = ReadMetadata(response.Headers);
            if (ReadStatus(response.Headers) is { } trailersOnly)
            {
                Complete(trailersOnly, headers);
            }
            else
            {
                Stream body = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
                _reader = new MessageReader(PipeReader.Create(body, ReaderOptions), _channel.Options.MaxReceiveMessageSize, gzip);
            }

            _headers.TrySetResult(headers);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private static bool ValidateResponse(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            int code = (int)response.StatusCode;
            throw new RpcException(HttpStatusMapping.ToStatusCode(code), $"Bad gRPC response. HTTP status code: {code}");
        }

        string? contentType = response.Content.Headers.NonValidated.TryGetValues("content-type", out HeaderStringValues type) ? type.ToString() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}");
        }

        if (!response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out HeaderStringValues encoding))
        {
            return false;
        }

        string value = encoding.ToString();
        return value.Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase)
            || (value.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new RpcException(StatusCode.Internal, $"The server used unsupported grpc-encoding '{value}'."));
    }

    private TResponse? FinishFromTrailers()
    {
        HttpResponseHeaders trailing = _response!.TrailingHeaders;
        Status status = ReadStatus(trailing) ?? new Status(StatusCode.Internal, "No grpc-status found on the response.");
        Complete(status, ReadMetadata(trailing));
        Status final = _status!.Value;
        return final.Code == StatusCode.OK ? null : throw new RpcException(final, _trailers);
    }

    private void Complete(Status status, Metadata trailers)
    {
        lock (_gate)
        {
            _status ??= status;
            _trailers ??= trailers;
        }

        if (status.Code != StatusCode.OK)
        {
            _streamingContent?.Abort(new RpcException(status, trailers));
        }

        Cleanup();
    }

    private RpcException Fail(Exception exception)
    {
        Status status;
        Metadata trailers;
        lock (_gate)
        {
            bool cancelled = _cts.IsCancellationRequested && !_deadlineExceeded;
            _status ??= ClientErrors.ToStatus(exception, _deadlineExceeded, cancelled);
            _trailers ??= (exception as RpcException)?.Trailers ?? new Metadata();
            status = _status.Value;
            trailers = _trailers;
        }

        var failure = status.Code == StatusCode.OK
            ? new RpcException(new Status(StatusCode.Internal, "The call already ended."), trailers)
            : new RpcException(status, trailers, exception is RpcException ? null : exception);
        _headers.TrySetException(failure);
        _streamingContent?.Abort(failure);
        Cancel(); // Resets the HTTP/2 stream if it is still open.
        Cleanup();
        return failure;
    }

    private static Status? ReadStatus(HttpHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusTrailer, out HeaderStringValues values))
        {
            return null;
        }

        string detail = headers.NonValidated.TryGetValues(GrpcProtocol.MessageTrailer, out HeaderStringValues message)
            ? PercentEncoding.Decode(message.ToString())
            : string.Empty;
        return int.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code)
            ? new Status((StatusCode)code, detail)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{values}'. {detail}".TrimEnd());
    }

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
        {
            MetadataHeaders.AddReceived(metadata, header.Key, header.Value);
        }

        return metadata;
    }
}
