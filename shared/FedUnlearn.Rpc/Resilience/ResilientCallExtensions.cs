using FedUnlearn.Rpc.Client;
using Google.Protobuf;
using Polly;
using Polly.Timeout;

namespace FedUnlearn.Rpc.Resilience;

/// <summary>
/// Runs calls through a resilience pipeline. Each attempt is a fresh call; failures always
/// surface as <see cref="RpcException"/> (an attempt timeout as DEADLINE_EXCEEDED).
/// </summary>
public static class ResilientCallExtensions
{
    /// <summary>A unary call, retried when idempotent (the method's flag unless <paramref name="idempotent"/> overrides it).</summary>
    public static Task<TResponse> ExecuteUnaryAsync<TRequest, TResponse>(this ResiliencePipeline pipeline, GrpcChannel channel,
        Method<TRequest, TResponse> method, TRequest request, CallOptions options = default, bool? idempotent = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        options = AbsoluteDeadline(channel, options);
        return ExecuteAsync(pipeline, idempotent ?? method.Idempotent, options, token =>
            channel.UnaryAsync(method, request, options with { CancellationToken = token }));
    }

    /// <summary>
    /// A client-streaming call whose requests <paramref name="writeRequests"/> writes (again, on
    /// every attempt); the stream is completed after it returns. Retried when idempotent.
    /// </summary>
    public static Task<TResponse> ExecuteClientStreamingAsync<TRequest, TResponse>(this ResiliencePipeline pipeline, GrpcChannel channel,
        Method<TRequest, TResponse> method, Func<IClientStreamWriter<TRequest>, CancellationToken, Task> writeRequests,
        CallOptions options = default, bool? idempotent = null)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(writeRequests);
        options = AbsoluteDeadline(channel, options);
        return ExecuteAsync(pipeline, idempotent ?? method.Idempotent, options, async token =>
        {
            using ClientStreamingCall<TRequest, TResponse> call = channel.ClientStreamingCall(method, options with { CancellationToken = token });
            try
            {
                await writeRequests(call.RequestStream, token).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // The server ended the call while we were writing: its status is in the response.
            }

            return await call.ResponseAsync.ConfigureAwait(false);
        });
    }

    // A relative timeout bounds the whole retried call, not each attempt: fix it as a deadline now.
    private static CallOptions AbsoluteDeadline(GrpcChannel channel, CallOptions options)
    {
        if (options.Timeout is not { } timeout)
        {
            return options;
        }

        DateTimeOffset deadline = channel.Options.TimeProvider.GetUtcNow() + timeout;
        return options with { Timeout = null, Deadline = options.Deadline is { } d && d < deadline ? d : deadline };
    }

    private static async Task<TResponse> ExecuteAsync<TResponse>(ResiliencePipeline pipeline, bool idempotent, CallOptions options,
        Func<CancellationToken, Task<TResponse>> attempt)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ResilienceContext context = ResilienceContextPool.Shared.Get(options.CancellationToken);
        context.Properties.Set(RpcResilience.IdempotentKey, idempotent);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, run) =>
                {
                    try
                    {
                        return await run(ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ctx.CancellationToken.IsCancellationRequested)
                    {
                        // Lets Polly tell its attempt timeout apart from a real failure.
                        throw new OperationCanceledException(ex.Message, ex, ctx.CancellationToken);
                    }
                },
                context,
                attempt).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The call attempt timed out after {ex.Timeout}."), innerException: ex);
        }
        catch (OperationCanceledException ex) when (options.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "Call cancelled by the client."), innerException: ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
