using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Client.Internal;

/// <summary>A call's response messages as an async sequence that can be enumerated once.</summary>
internal sealed class ResponseStream<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncEnumerable<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private int _enumerated;

    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The response stream can be read only once.");
        }

        return ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
