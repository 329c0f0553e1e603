using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Endpoints;

internal sealed partial class FederationEndpoint
{
    /// <summary>
    /// Receives a task's result. Updates are deltas against the task's adapter version. The header
    /// is checked before any chunk is read (known task, right version, the global adapter's exact
    /// layout); the payload is then assembled (size-bounded, sha256-checked) and handed to the
    /// round, which validates and folds it. Content problems are final: a re-send of the same task
    /// gets the same INVALID_ARGUMENT. Transfer problems (bad chunks, wrong hash) leave the task
    /// open for a corrected re-send. A broken stream records nothing.
    /// </summary>
    private async Task<SubmitUpdateResponse> SubmitUpdateAsync(IAsyncEnumerable<SubmitUpdateRequest> requests, ServerCallContext context)
    {
        ClientRecord client = Caller(context, "");
        CancellationToken cancellationToken = context.CancellationToken;
        await using IAsyncEnumerator<SubmitUpdateRequest> stream = requests.GetAsyncEnumerator(cancellationToken);
        if (!await stream.MoveNextAsync().ConfigureAwait(false) || stream.Current.PartCase != SubmitUpdateRequest.PartOneofCase.Header)
            throw Invalid("a SubmitUpdate stream must start with a SubmitUpdateHeader");
        SubmitUpdateHeader header = stream.Current.Header;
        if (header.TaskId.Length == 0) throw Invalid("the header names no task id");

        Verdict? early = null;
        ActiveRound? round = _runner.FindRound(header.TaskId, client.Name);
        try
        {
            if (round is null)
                early = await StoredVerdictAsync(header.TaskId, client, cancellationToken).ConfigureAwait(false);
            else if (round.Precheck(header.TaskId, client.Name) is { } answer)
                early = answer;
            else if (header.Error is { } error)
                early = await ReportFailureAsync(round, header, client, error).ConfigureAwait(false);
            else if (round.Kind == TaskKind.Evaluate)
                early = await OfferReportAsync(round, header, cancellationToken).ConfigureAwait(false);
            else if (DescribeHeaderProblem(header, round) is { } problem)
                early = await round.RejectAsync(header.TaskId, problem).ConfigureAwait(false);
        }
        finally
        {
            if (early is not null) await DrainAsync(stream).ConfigureAwait(false);
        }

        if (early is not null) return Respond(header, client.Name, early, 0);
        (ParameterSet parameters, long received) = await ReceivePayloadAsync(header.Payload, stream).ConfigureAwait(false);
        var update = new ClientUpdate(client.Name, (long)Math.Min(header.SampleCount, long.MaxValue), parameters, UpdateKind.Delta)
        {
            Metrics = new Dictionary<string, double>(header.Metrics, StringComparer.Ordinal),
        };
        return Respond(header, client.Name, await round!.OfferAsync(header.TaskId, update, cancellationToken).ConfigureAwait(false), received);
    }

    private async Task<Verdict> ReportFailureAsync(ActiveRound round, SubmitUpdateHeader header, ClientRecord client, ErrorDetail error)
    {
        string reason = $"{(error.Code.Length > 0 ? error.Code : "client_error")}: {error.Message}";
        RoundLog.TaskFailed(_logger, round.Number, header.TaskId, client.Name, reason);
        return await round.ReportFailureAsync(header.TaskId, reason).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and drops what the client still sends after an early answer, so the answer is not
    /// lost to a stream reset racing it (bounded by the update size limit).
    /// </summary>
    private async Task DrainAsync(IAsyncEnumerator<SubmitUpdateRequest> stream)
    {
        long budget = _options.MaxUpdateSize + _options.ChunkSize;
        try
        {
            while (budget > 0 && await stream.MoveNextAsync().ConfigureAwait(false))
                budget -= Math.Max(1, stream.Current.Chunk?.Data.Length ?? 0);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException)
        {
            // The client went away: there is nobody left to answer.
        }
    }

    private static string? DescribeHeaderProblem(SubmitUpdateHeader header, ActiveRound round)
    {
        if (header.Payload is null)
            return header.Evaluation is null
                ? "the header carries neither a payload nor an error"
                : "a training task needs an adapter delta, not an evaluation report";
        long expected = round.BaseVersionOf(header.TaskId);
        if (header.BaseVersion != (ulong)expected)
            return $"the update was computed from version {header.BaseVersion}, but the task's version is {expected}";
        return AdapterPayload.DescribeLayoutMismatch(round.Layout, header.Payload.Tensors) is { } mismatch
            ? $"layout differs from the global adapter: {mismatch}"
            : null;
    }

    private async Task<(ParameterSet Parameters, long Received)> ReceivePayloadAsync(PayloadHeader payload, IAsyncEnumerator<SubmitUpdateRequest> stream)
    {
        try
        {
            using var assembler = new AdapterAssembler(payload, new AdapterAssemblerOptions { MaxPayloadSize = _options.MaxUpdateSize });
            while (await stream.MoveNextAsync().ConfigureAwait(false))
            {
                if (stream.Current.PartCase != SubmitUpdateRequest.PartOneofCase.Chunk)
                    throw Invalid("only chunks may follow the header");
                assembler.Add(stream.Current.Chunk);
            }

            return (assembler.CompleteParameterSet(), assembler.ReceivedBytes);
        }
        catch (InvalidDataException ex)
        {
            // A transfer problem, not a verdict on the update: the task stays open for a clean re-send.
            await DrainAsync(stream).ConfigureAwait(false);
            throw Invalid(ex.Message);
        }
    }

    /// <summary>The answer for a task of an older round, from the store.</summary>
    private async Task<Verdict> StoredVerdictAsync(string taskId, ClientRecord client, CancellationToken cancellationToken)
    {
        TaskRecord? task = await _tasks.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.ClientId != client.Id)
            return Verdict.Rejected($"task '{taskId}' was never assigned to client '{client.Name}'");
        return task.State switch
        {
            TaskState.Submitted or TaskState.Failed => Verdict.Duplicate,
            TaskState.Rejected => Verdict.Rejected(task.Reason ?? "rejected"),
            _ => Verdict.Late,
        };
    }

    private SubmitUpdateResponse Respond(SubmitUpdateHeader header, string clientId, Verdict verdict, long received)
    {
        if (verdict.Rejection is { } reason)
        {
            RoundLog.UpdateRejected(_logger, _runner.RoundNumber, header.TaskId, clientId, reason);
            throw verdict.IsFinal
                ? Invalid($"update for task '{header.TaskId}' rejected: {reason}")
                : new RpcException(StatusCode.Aborted, reason);
        }

        return new SubmitUpdateResponse { TaskId = header.TaskId, Disposition = verdict.Disposition, ReceivedBytes = (ulong)received };
    }

    private static RpcException Invalid(string detail) => new(StatusCode.InvalidArgument, detail);
}
