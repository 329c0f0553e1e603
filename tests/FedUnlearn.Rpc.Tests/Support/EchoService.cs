using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>
/// The test service. Unary requests are commands by text prefix ("fail:CODE:msg", "throw",
/// "wait:ID", "meta", "whoami", "big:N", "status:CODE:msg"); anything else is echoed.
/// </summary>
internal sealed class EchoService
{
    /// <summary>Completed with true when the handler of "wait:ID" observes cancellation.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<bool>> Cancellations { get; } = new();

    public ServiceDefinition Definition => ServiceDefinition.CreateBuilder(Echo.ServiceName)
        .AddUnary(Echo.Unary, UnaryAsync)
        .AddClientStreaming(Echo.Collect, CollectAsync)
        .AddServerStreaming(Echo.Expand, ExpandAsync)
        .AddDuplexStreaming(Echo.Chat, ChatAsync)
        .Build();

    /// <summary>Completed when the handler of "wait:ID" starts waiting.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<bool>> Started { get; } = new();

    public TaskCompletionSource<bool> Watch(string id) => Cancellations.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public TaskCompletionSource<bool> WatchStart(string id) => Started.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context)
    {
        string text = request.Text;
        string[] parts = text.Split(':', 3);
        switch (parts[0])
        {
            case "fail":
                throw new RpcException((StatusCode)int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
            case "status":
                context.Status = new Status((StatusCode)int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
                return new EchoReply();
            case "throw":
                throw new InvalidOperationException("secret internal detail");
            case "wait":
                await WaitForCancellationAsync(parts[1], context).ConfigureAwait(false);
                return new EchoReply();
            case "peercert":
                return new EchoReply { Text = context.ClientCertificate?.Thumbprint ?? "none" };
            case "whoami":
                return new EchoReply { Text = context.Identity ?? "<anonymous>" };
            case "big":
                return new EchoReply { Payload = ByteString.CopyFrom(new byte[int.Parse(parts[1], CultureInfo.InvariantCulture)]) };
            case "meta":
                var headers = new Metadata();
                foreach (MetadataEntry entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
                {
                    if (entry.IsBinary)
                    {
                        headers.Add("h-" + entry.Key, entry.ValueBytes);
                        context.ResponseTrailers.Add("t-" + entry.Key, entry.ValueBytes);
                    }
                    else
                    {
                        headers.Add("h-" + entry.Key, entry.Value);
                        context.ResponseTrailers.Add("t-" + entry.Key, entry.Value);
                    }
                }

                await context.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
                return new EchoReply { Text = context.Deadline is null ? "no-deadline" : "deadline" };
            default:
                return new EchoReply { Text = text, Payload = request.Payload, Index = request.Payload.Length };
        }
    }

    private static async Task<EchoReply> CollectAsync(IAsyncEnumerable<EchoRequest> requests, ServerCallContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int count = 0;
        long total = 0;
        var text = new System.Text.StringBuilder();
        await foreach (EchoRequest request in requests.ConfigureAwait(false))
        {
            count++;
            total += request.Payload.Length;
            hash.AppendData(request.Payload.Span);
            text.Append(request.Text);
        }

        return new EchoReply { Text = text.ToString(), Index = count, TotalBytes = total, Payload = ByteString.CopyFrom(hash.GetHashAndReset()) };
    }

    private async Task ExpandAsync(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        int chunkSize = request.ChunkSize > 0 ? request.ChunkSize : 8;
        byte[] chunk = new byte[chunkSize];
        int index = 0;
        for (long offset = 0; offset < request.TotalBytes; offset += chunkSize, index++)
        {
            if (request.FailAfter > 0 && index == request.FailAfter)
            {
                throw new RpcException(StatusCode.Aborted, $"failed after {index} messages");
            }

            int length = (int)Math.Min(chunkSize, request.TotalBytes - offset);
            Payload.Fill(chunk.AsSpan(0, length), offset);

            // The writer serializes before WriteAsync returns, so the buffer can be reused.
            await responses.WriteAsync(new EchoReply { Index = index, Payload = UnsafeByteOperations.UnsafeWrap(chunk.AsMemory(0, length)) }).ConfigureAwait(false);
        }

        if (request.Text.StartsWith("wait:", StringComparison.Ordinal))
        {
            await WaitForCancellationAsync(request.Text[5..], context).ConfigureAwait(false);
        }
    }

    private static async Task ChatAsync(IAsyncEnumerable<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        int index = 0;
        await foreach (EchoRequest request in requests.ConfigureAwait(false))
        {
            await responses.WriteAsync(new EchoReply { Text = "echo:" + request.Text, Index = index++ }).ConfigureAwait(false);
        }
    }

    private async Task WaitForCancellationAsync(string id, ServerCallContext context)
    {
        TaskCompletionSource<bool> observed = Watch(id);
        WatchStart(id).TrySetResult(true);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            observed.TrySetResult(true);
            throw;
        }
    }
}
