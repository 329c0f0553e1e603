using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Server;

namespace FedUnlearn.Client.Tests.Support;

internal sealed partial class FakeFederationServer
{
    /// <summary>One accepted SubmitUpdate: its header, decoded adapter (if any) and how many chunks carried it.</summary>
    public sealed record Submission(SubmitUpdateHeader Header, ParameterSet? Adapter, int Chunks, UpdateDisposition Disposition);

    private async Task<SubmitUpdateResponse> SubmitAsync(IAsyncEnumerable<SubmitUpdateRequest> requests, ServerCallContext context)
    {
        var attempt = Interlocked.Increment(ref SubmitAttempts);
        if (HoldUploads is { } hold)
        {
            UploadArrived.TrySetResult();
            await hold.Task.WaitAsync(context.CancellationToken);
        }

        SubmitUpdateHeader? header = null;
        AdapterAssembler? assembler = null;
        var chunks = 0;
        try
        {
            await foreach (var message in requests)
            {
                if (header is null)
                {
                    header = message.Header ?? throw new RpcException(StatusCode.InvalidArgument, "header first");
                    if (header.Payload is not null) assembler = new AdapterAssembler(header.Payload);
                    continue;
                }

                (assembler ?? throw new RpcException(StatusCode.InvalidArgument, "chunk without payload")).Add(message.Chunk);
                chunks++;
                if (attempt == 1 && chunks == BreakFirstUploadAfterChunks)
                    throw new RpcException(StatusCode.Unavailable, "connection reset mid-upload (test)");
            }

            if (header is null) throw new RpcException(StatusCode.InvalidArgument, "empty upload");
            var adapter = assembler?.CompleteParameterSet();
            var disposition = _submittedTaskIds.TryAdd(header.TaskId, 0) ? UpdateDisposition.Accepted : UpdateDisposition.Duplicate;
            Submissions.Writer.TryWrite(new Submission(header, adapter, chunks, disposition));
            return new SubmitUpdateResponse { TaskId = header.TaskId, Disposition = disposition, ReceivedBytes = (ulong)(header.Payload?.TotalSize ?? 0) };
        }
        finally
        {
            assembler?.Dispose();
        }
    }

    private async Task<RequestForgetResponse> RequestForgetAsync(RequestForgetRequest request, ServerCallContext context)
    {
        ForgetRequests.Writer.TryWrite(request);
        if (ForgetUnimplemented) throw new RpcException(StatusCode.Unimplemented, "forget requests are not implemented (test)");
        if (HoldForgetReply is { } hold) await hold.Task.WaitAsync(context.CancellationToken);
        var key = context.Identity + "/" + request.RequestId;
        var created = new RequestForgetResponse { TicketId = "ticket-" + (_tickets.Count + 1), State = ForgetState.Accepted };
        var isNew = _tickets.TryAdd(key, created);
        var reply = _tickets[key].Clone();
        reply.Duplicate = !isNew;
        if (LoseNextForgetReply)
        {
            LoseNextForgetReply = false;
            throw new RpcException(StatusCode.Unavailable, "reply lost (test)");
        }

        return reply;
    }
}
