using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>The request stream handed to client-streaming and duplex handlers.</summary>
internal sealed class RequestStream<T>(ServerCall call, MessageParser<T> parser) : IAsyncEnumerable<T>
    where T : class, IMessage<T>
{
    private int _enumerated;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The request stream can be read only once.");
        }

        return ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? call.CancellationToken;
        while (await call.Reader.ReadAsync(parser, token).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
