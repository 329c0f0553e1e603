using FedUnlearn.Client.Events;
using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Client.Internal;

internal sealed partial class TaskProcessor
{
    /// <summary>Runs the task, turning every local failure into an error result (errors travel as data).</summary>
    private async Task<PreparedResult> ComputeOrFailAsync(ClientTask task, ClientTaskKind kind, CancellationToken cancellationToken)
    {
        var deadline = task.Deadline?.ToDateTimeOffset();
        var remaining = deadline is { } d ? d - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        if (deadline is not null && remaining <= TimeSpan.Zero)
        {
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, "deadline_exceeded", $"The task's deadline {deadline:O} had passed before it could start.");
        }

        using var atDeadline = new CancellationTokenSource(remaining, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, atDeadline.Token);
        try
        {
            return await ComputeAsync(task, kind, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (atDeadline.IsCancellationRequested)
        {
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, "deadline_exceeded", $"The task did not finish before its deadline {deadline:O}.");
        }
        catch (TaskRejectedException ex)
        {
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, ex.Code, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, "adapter_invalid", ex.Message);
        }
        catch (Exception ex) when (RpcFailures.IsTransient(ex) || ex is Rpc.RpcException)
        {
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, "adapter_unavailable", $"Could not download adapter version {task.AdapterVersion}: {ex.Message}");
        }
        catch (Exception ex)
        {
            ClientLog.LearnerFailed(_logger, task.TaskId, ex);
            return PreparedResult.Failure(task.TaskId, task.AdapterVersion, "learner_failed", $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<PreparedResult> ComputeAsync(ClientTask task, ClientTaskKind kind, CancellationToken cancellationToken)
    {
        if (kind == ClientTaskKind.Unknown)
            throw new TaskRejectedException("unsupported_task", $"This client does not know task kind {task.KindCase}; upgrade the FedUnlearn client.");
        var learner = Learner ?? throw new TaskRejectedException("not_ready", "The node's learner is not ready yet.");

        var (global, _) = await _cache.GetAsync(task.AdapterVersion, FetchAsync, cancellationToken).ConfigureAwait(false);
        var input = global.Parameters.Clone();
        var header = new SubmitUpdateHeader { TaskId = task.TaskId, BaseVersion = global.Version };
        var progress = new InlineProgress<LocalProgress>(p => _events.OnTaskProgress(new TaskProgressEventArgs(task.TaskId, kind, p)));

        if (kind == ClientTaskKind.Evaluate)
        {
            var metrics = await learner.EvaluateAsync(input, TaskSettings.Evaluate(task), cancellationToken).ConfigureAwait(false);
            header.Evaluation = EvaluationReports.From(metrics);
            return new PreparedResult(header, null);
        }

        var result = kind == ClientTaskKind.Train
            ? await learner.TrainAsync(input, TaskSettings.Train(task), progress, cancellationToken).ConfigureAwait(false)
            : await learner.UnlearnAsync(input, await TaskSettings.UnlearnAsync(task, _store.ForgetRequests, cancellationToken).ConfigureAwait(false),
                progress, cancellationToken).ConfigureAwait(false);
        return Prepare(header, global.Parameters, result, task.HyperParameters?.ClipNorm ?? 0, TaskSettings.Frozen(task));
    }

    private PreparedResult Prepare(SubmitUpdateHeader header, ParameterSet global, LocalTrainResult result, double clipNorm, IReadOnlyList<string> frozen)
    {
        if (result.Adapter.DescribeLayoutMismatch(global) is { } mismatch)
            throw new TaskRejectedException("layout_mismatch", $"The learner returned an adapter whose layout differs from the global one: {mismatch}");
        // A learner that ignored the freeze would send an update the server rejects: fail the task with the reason instead.
        if (FrozenParameterCheck.FirstViolation(global, result.Adapter, frozen) is { } violation)
            throw new TaskRejectedException("frozen_parameters_changed", violation);
        if (FirstNonFinite(result.Adapter) is { } name)
            throw new TaskRejectedException("non_finite_update", $"The learner returned a non-finite value in '{name}' (diverged training?).");

        header.SampleCount = (ulong)Math.Max(0, result.SampleCount);
        foreach (var (key, value) in result.Metrics)
        {
            if (double.IsFinite(value)) header.Metrics[key] = value;
        }

        var (delta, norm) = UpdateDelta.Compute(result.Adapter, global, clipNorm);
        header.Metrics["seconds"] = result.Elapsed.TotalSeconds;
        header.Metrics["update_norm"] = norm;
        var chunkSize = Config.ChunkSize is > 0 and <= AdapterChunker.MaxChunkSize ? (int)Config.ChunkSize : AdapterChunker.MaxChunkSize;
        var payload = AdapterChunker.Split(delta, chunkSize);
        if (Config.MaxUpdateSize > 0 && payload.Header.TotalSize > Config.MaxUpdateSize)
            throw new TaskRejectedException("update_too_large", $"The update is {payload.Header.TotalSize} bytes; the server accepts at most {Config.MaxUpdateSize}.");
        return new PreparedResult(header, payload);
    }

    private Task<FetchedAdapter> FetchAsync(ulong version, CancellationToken cancellationToken)
    {
        var limit = Config.MaxUpdateSize > 0 ? (long)Config.MaxUpdateSize : AdapterAssemblerOptions.Default.MaxPayloadSize;
        return _calls.FetchAdapterAsync(version, new AdapterAssemblerOptions { MaxPayloadSize = limit }, cancellationToken);
    }

    private static string? FirstNonFinite(ParameterSet adapter)
    {
        foreach (var tensor in adapter)
        {
            foreach (var value in tensor.Data)
            {
                if (!float.IsFinite(value)) return tensor.Name;
            }
        }

        return null;
    }
}
