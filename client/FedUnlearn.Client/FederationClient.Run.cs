using FedUnlearn.Client.Internal;
using FedUnlearn.Rpc;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace FedUnlearn.Client;

public sealed partial class FederationClient
{
    /// <summary>
    /// Connects, joins and works on the server's tasks until the server removes this client (then
    /// it returns) or <paramref name="cancellationToken"/> fires (then it throws
    /// <see cref="OperationCanceledException"/>). A dropped stream, a restarting server or a flaky
    /// network only cost a reconnect with backoff; results computed meanwhile are sent when the server
    /// re-delivers their task, and pending forget requests are re-sent on every connect.
    /// </summary>
    /// <exception cref="FederationClientException">The server refused this client (bad token, wrong client id, not a FedUnlearn server).</exception>
    /// <exception cref="RpcException">The server stayed unreachable for <see cref="ClientResilienceOptions.MaxReconnectAttempts"/> attempts in a row.</exception>
    /// <exception cref="InvalidOperationException">The client is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (Interlocked.Exchange(ref _running, 1) == 1) throw new InvalidOperationException("This client is already running.");
        using var stopWork = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = _processor.RunAsync(stopWork.Token);
        try
        {
            var end = await CreateReconnectPipeline().ExecuteAsync(
                async token => await _session.RunAsync(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (end.ShouldReconnect)
            {
                throw new RpcException(StatusCode.Unavailable,
                    $"Gave up after {_failuresInARow} reconnect attempts in a row; last: {end.Reason}.");
            }
        }
        catch (RpcException ex) when (cancellationToken.IsCancellationRequested)
        {
            // A call cut short by our own cancellation: report it as the cancellation it is.
            throw new OperationCanceledException("The client was stopped.", ex, cancellationToken);
        }
        finally
        {
            await stopWork.CancelAsync().ConfigureAwait(false);
            try
            {
                await worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The work loop ends by cancellation.
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
            {
                // Stopped mid-upload: the call reports our own cancellation as CANCELLED, which is the stop asked for.
            }

            Volatile.Write(ref _running, 0);
        }
    }

    private ResiliencePipeline<SessionEnd> CreateReconnectPipeline()
    {
        var r = _options.Resilience;
        var backoff = new ReconnectBackoff(r.ReconnectBaseDelay, r.ReconnectMaxDelay, r.ReconnectJitter, Random.Shared);
        return new ResiliencePipelineBuilder<SessionEnd> { TimeProvider = _options.TimeProvider }
            .AddRetry(new RetryStrategyOptions<SessionEnd>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(ShouldReconnect(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(ReconnectDelay(backoff, args.Outcome)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? args.Outcome.Result?.Reason ?? "unknown";
                    var attempt = Volatile.Read(ref _failuresInARow);
                    ClientLog.Reconnecting(_logger, reason, attempt, args.RetryDelay);
                    ((Internal.IClientEvents)this).OnDisconnected(new Events.DisconnectedEventArgs(reason, args.Outcome.Exception, attempt, args.RetryDelay));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private bool ShouldReconnect(Outcome<SessionEnd> outcome, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return false;
        var retry = outcome.Exception is { } ex ? RpcFailures.IsTransient(ex) : outcome.Result!.ShouldReconnect;
        if (!retry) return false;
        var failures = Interlocked.Increment(ref _failuresInARow);
        return _options.Resilience.MaxReconnectAttempts is not { } max || failures <= max;
    }

    private TimeSpan ReconnectDelay(ReconnectBackoff backoff, Outcome<SessionEnd> outcome)
    {
        var delay = backoff.Delay(Math.Max(1, Volatile.Read(ref _failuresInARow)));
        // An open circuit says when the next trial call is allowed; reconnecting sooner only fails fast.
        return outcome.Exception is BrokenCircuitException { RetryAfter: { } after } && after > delay ? after : delay;
    }
}
