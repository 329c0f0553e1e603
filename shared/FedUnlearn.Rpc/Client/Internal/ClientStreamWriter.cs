using System.Buffers;
using FedUnlearn.Rpc.Internal;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>Writes framed request messages into the open HTTP/2 request body, flushing each.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private bool _completed;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }

        GrpcChannelOptions options = call.Channel.Options;
        byte[]? buffer = null;
        using CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), call)
            : default;
        try
        {
            (buffer, int length) = MessageFraming.WriteToRented(message, options.MaxSendMessageSize, options.CompressRequests);
            Stream stream = await call.StreamingContent!.StreamTask.WaitAsync(call.CallToken).ConfigureAwait(false);
            await stream.WriteAsync(buffer.AsMemory(0, length), call.CallToken).ConfigureAwait(false);
            await stream.FlushAsync(call.CallToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw await call.GetWriteFailureAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public Task CompleteAsync()
    {
        _completed = true;
        call.StreamingContent!.Complete();
        return Task.CompletedTask;
    }
}
