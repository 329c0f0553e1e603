using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace FedUnlearn.Rpc.Server.Internal;

/// <summary>
/// The request stream handed to client-streaming and duplex handlers. With
/// <paramref name="borrowBytes"/> each message's bytes fields point into the reader's buffer,
/// valid until the next <c>MoveNextAsync</c> (<see cref="RequestPayloads.BorrowedUntilNextMessage"/>).
/// </summary>
internal sealed class RequestStream<T>(ServerCall call, MessageParser<T> parser, bool borrowBytes) : IAsyncEnumerable<T>
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
        while (await call.Reader.ReadAsync(parser, token, borrowBytes).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
