using System.Threading.Channels;
using FedUnlearn.Client.Events;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Rpc;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Client.Internal;

/// <summary>
/// Works through the tasks the stream delivers, one at a time, independently of the stream: a task
/// keeps running while the stream reconnects. Every outcome is reported to the server as data (an
/// adapter, an evaluation report or an error); only the client's own shutdown stops it.
/// </summary>
internal sealed partial class TaskProcessor
{
    private readonly Channel<ClientTask> _queue = Channel.CreateUnbounded<ClientTask>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RecentTasks _recent = new(capacity: 1024);
    private readonly ResilientFederationCalls _calls;
    private readonly ClientStore _store;
    private readonly AdapterCache _cache;
    private readonly IClientEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TaskProcessor(ResilientFederationCalls calls, ClientStore store, FederationClientOptions options, IClientEvents events, ILogger logger)
    {
        _calls = calls;
        _store = store;
        _cache = new AdapterCache(options.AdapterCacheSize);
        _events = events;
        _time = options.TimeProvider;
        _logger = logger;
    }

    /// <summary>The learner, set once the server has said which model to build.</summary>
    public ILocalLearner? Learner { get; set; }

    /// <summary>The federation's settings from the latest Join (chunk size, update size limit).</summary>
    public ServerConfig Config { get; set; } = new();

    /// <summary>Queues a task; never blocks the stream reader.</summary>
    public void Enqueue(ClientTask task) => _queue.Writer.TryWrite(task);

    /// <summary>Processes queued tasks until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var task in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ProcessAsync(task, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task ProcessAsync(ClientTask task, CancellationToken cancellationToken)
    {
        var kind = TaskSettings.KindOf(task);
        if (_recent.TryGet(task.TaskId, out var undelivered))
        {
            // A re-delivery after a reconnect: send what was computed, or ignore a finished task.
            if (undelivered is not null) await SubmitAsync(task, kind, undelivered, cancellationToken).ConfigureAwait(false);
            return;
        }

        ClientLog.TaskStarted(_logger, task.TaskId, kind, task.Round, task.AdapterVersion);
        _events.OnTaskStarted(new TaskStartedEventArgs(task.TaskId, kind, task.Round, task.AdapterVersion));
        var result = await ComputeOrFailAsync(task, kind, cancellationToken).ConfigureAwait(false);
        await SubmitAsync(task, kind, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task SubmitAsync(ClientTask task, ClientTaskKind kind, PreparedResult result, CancellationToken cancellationToken)
    {
        var error = result.Header.Error;
        TaskSubmissionOutcome outcome;
        string? message = error?.Message;
        try
        {
            var response = await _calls.SubmitAsync(result.Header, result.Payload, cancellationToken).ConfigureAwait(false);
            outcome = response.Disposition switch
            {
                UpdateDisposition.Duplicate => TaskSubmissionOutcome.Duplicate,
                UpdateDisposition.Late => TaskSubmissionOutcome.Late,
                _ => TaskSubmissionOutcome.Accepted,
            };
            _recent.MarkFinished(task.TaskId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && RpcFailures.IsTransient(ex))
        {
            // Kept for the server's re-delivery after the reconnect; a cheap failure report is simply recomputed.
            if (result.IsComputed) _recent.MarkUndelivered(task.TaskId, result);
            else _recent.Forget(task.TaskId);
            outcome = TaskSubmissionOutcome.Undelivered;
            message = ex.Message;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The server refused this result (malformed, too large, unknown task): sending it again would not help.
            _recent.MarkFinished(task.TaskId);
            outcome = TaskSubmissionOutcome.Rejected;
            message = ex.Status.Detail;
        }

        ClientLog.TaskSubmitted(_logger, task.TaskId, outcome, result.PayloadBytes, error?.Code);
        _events.OnTaskSubmitted(new TaskSubmittedEventArgs(task.TaskId, kind, outcome, result.PayloadBytes, error?.Code, message));
    }
}
