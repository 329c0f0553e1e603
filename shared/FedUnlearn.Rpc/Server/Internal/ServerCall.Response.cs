using System.Globalization;
using System.IO.Pipelines;
using FedUnlearn.Rpc.Internal;
using Microsoft.AspNetCore.Http;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>The response side: headers, framed messages, then trailers (or trailers-only).</summary>
internal sealed partial class ServerCall
{
    private bool _headersPrepared;

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_headersPrepared)
        {
            throw new InvalidOperationException("Response headers have already been sent.");
        }

        PrepareHeaders(headers);
        await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one framed response message; flushes when asked (streams) and not otherwise (unary).</summary>
    public ValueTask WriteMessageAsync(Google.Protobuf.IMessage message, bool flush, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        CancellationToken.ThrowIfCancellationRequested();
        if (!_headersPrepared)
        {
            PrepareHeaders(null);
        }

        PipeWriter writer = _http.Response.BodyWriter;
        MessageFraming.Write(writer, message, _options.MaxSendMessageSize, CompressResponses);
        if (!flush)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask<FlushResult> pending = writer.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken);
        return pending.IsCompletedSuccessfully ? CheckFlush(pending.Result) : AwaitFlush(pending);
    }

    /// <summary>Ends the call with <paramref name="status"/>: in the trailers, or trailers-only if nothing was sent.</summary>
    public void Finish(Status status, Metadata? extraTrailers)
    {
        HttpResponse response = _http.Response;
        bool trailers = _headersPrepared && response.SupportsTrailers();
        if (!_headersPrepared)
        {
            // Trailers-Only: one HEADERS frame with END_STREAM carries everything.
            _headersPrepared = true;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
        }

        Put(GrpcProtocol.StatusTrailer, ((int)status.Code).ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            Put(GrpcProtocol.MessageTrailer, PercentEncoding.Encode(status.Detail));
        }

        foreach (MetadataEntry entry in extraTrailers is null ? Context.ResponseTrailers : Context.ResponseTrailers.Concat(extraTrailers))
        {
            Put(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }

        void Put(string name, string value)
        {
            if (trailers)
            {
                response.AppendTrailer(name, value);
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }
    }

    private void PrepareHeaders(Metadata? headers)
    {
        _headersPrepared = true;
        HttpResponse response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        if (CompressResponses)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.Gzip;
        }

        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
        if (headers is not null)
        {
            AppendMetadata(response.Headers, headers);
        }
    }

    private static void AppendMetadata(IHeaderDictionary target, Metadata metadata)
    {
        foreach (MetadataEntry entry in metadata)
        {
            target.Append(entry.Key, MetadataHeaders.ToHeaderValue(entry));
        }
    }

    private ValueTask CheckFlush(FlushResult result)
    {
        if (result.IsCanceled || result.IsCompleted)
        {
            // The client went away (or the deadline cancelled the write): the handler must stop.
            CancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The client is no longer reading the response stream.");
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask AwaitFlush(ValueTask<FlushResult> pending) => await CheckFlush(await pending.ConfigureAwait(false)).ConfigureAwait(false);
}
