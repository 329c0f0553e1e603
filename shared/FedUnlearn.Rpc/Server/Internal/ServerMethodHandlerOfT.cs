using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>The typed part of a method: how its messages are read and written for each shape.</summary>
internal sealed class ServerMethodHandler<TRequest, TResponse> : ServerMethodHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Delegate _handler;
    private readonly bool _borrowBytes;

    public ServerMethodHandler(Method<TRequest, TResponse> method, Delegate handler, RequestPayloads payloads, GrpcServerOptions options, ILogger logger)
        : base(method.FullName, options, logger)
    {
        _method = method;
        _handler = handler;
        _borrowBytes = payloads == RequestPayloads.BorrowedUntilNextMessage;
    }

    protected override async Task RunCoreAsync(ServerCallContext context)
    {
        ServerCall call = context.Call;
        switch (_method.Type)
        {
            case MethodType.Unary:
                {
                    TRequest request = await ReadSingleAsync(call).ConfigureAwait(false);
                    TResponse response = await ((UnaryServerMethod<TRequest, TResponse>)_handler)(request, context).ConfigureAwait(false);
                    await WriteSingleAsync(call, response).ConfigureAwait(false);
                    break;
                }

            case MethodType.ClientStreaming:
                {
                    var requests = new RequestStream<TRequest>(call, _method.RequestParser, _borrowBytes);
                    TResponse response = await ((ClientStreamingServerMethod<TRequest, TResponse>)_handler)(requests, context).ConfigureAwait(false);
                    await WriteSingleAsync(call, response).ConfigureAwait(false);
                    break;
                }

            case MethodType.ServerStreaming:
                {
                    TRequest request = await ReadSingleAsync(call).ConfigureAwait(false);
                    var writer = new ResponseStreamWriter<TResponse>(call);
                    await ((ServerStreamingServerMethod<TRequest, TResponse>)_handler)(request, writer, context).ConfigureAwait(false);
                    break;
                }

            default:
                {
                    var requests = new RequestStream<TRequest>(call, _method.RequestParser, _borrowBytes);
                    var writer = new ResponseStreamWriter<TResponse>(call);
                    await ((DuplexStreamingServerMethod<TRequest, TResponse>)_handler)(requests, writer, context).ConfigureAwait(false);
                    break;
                }
        }
    }

    private async Task<TRequest> ReadSingleAsync(ServerCall call)
    {
        TRequest? request = await call.Reader.ReadAsync(_method.RequestParser, call.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "Request did not include a message.");
        if (await call.Reader.ReadAsync(_method.RequestParser, call.CancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(StatusCode.Internal, "Additional message after the single request message.");
        }

        return request;
    }

    private static ValueTask WriteSingleAsync(ServerCall call, TResponse response)
    {
        if (call.Context.Status.Code != StatusCode.OK)
        {
            return ValueTask.CompletedTask; // The handler chose to end with an error status.
        }

        ArgumentNullException.ThrowIfNull(response);

        // Not flushed: Kestrel sends the message and the trailers together when the call ends.
        return call.WriteMessageAsync(response, flush: false, call.CancellationToken);
    }
}
