using FedUnlearn.Client.Storage.Internal;

namespace FedUnlearn.Client.Storage;

public sealed partial class LocalForgetRequests
{
    /// <summary>
    /// Records the server's acknowledgement: the ticket and the state it reported (normally
    /// <see cref="LocalForgetState.Accepted"/>; a duplicate send may report a later one). Idempotent
    /// for the same ticket, so a resend after a lost reply is harmless.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No request has <paramref name="requestId"/>.</exception>
    /// <exception cref="InvalidOperationException">It was acknowledged with another ticket, or is already final in another state.</exception>
    public ValueTask<LocalForgetRequest> MarkAcknowledgedAsync(string requestId, string ticketId,
        LocalForgetState state = LocalForgetState.Accepted, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        if (state is LocalForgetState.Pending or LocalForgetState.Failed || !Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state,
                "An acknowledgement reports Accepted, Running, Verifying or Completed; record a rejection with UpdateStateAsync(Failed).");
        }

        return Change(requestId, cancellationToken, (current, now) =>
        {
            if (current.TicketId is { } known && known != ticketId)
            {
                throw new InvalidOperationException(
                    $"Forget request '{requestId}' was acknowledged with ticket '{known}', not '{ticketId}'.");
            }

            // A late reply to an earlier send must not move an acknowledged request backwards.
            var target = current.IsAcknowledged && current.State > state ? current.State : state;
            var acknowledged = current with { TicketId = ticketId, AcknowledgedAt = current.AcknowledgedAt ?? now };
            return Transition(acknowledged, target, acknowledged.FailureReason, now);
        });
    }

    /// <summary>
    /// Moves a request to <paramref name="state"/> (e.g. from polling the server). Final states are
    /// final; states other than <see cref="LocalForgetState.Failed"/> need an acknowledged request.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="state">Its new state; never <see cref="LocalForgetState.Pending"/>.</param>
    /// <param name="failureReason">Why it failed; required for, and only for, <see cref="LocalForgetState.Failed"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the store.</param>
    public ValueTask<LocalForgetRequest> UpdateStateAsync(string requestId, LocalForgetState state,
        string? failureReason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        if (state == LocalForgetState.Pending || !Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A request cannot return to Pending.");
        }

        if ((state == LocalForgetState.Failed) != !string.IsNullOrWhiteSpace(failureReason))
        {
            throw new ArgumentException("A failure reason is required for Failed and not allowed otherwise.", nameof(failureReason));
        }

        return Change(requestId, cancellationToken, (current, now) => Transition(current, state, failureReason, now));
    }

    private static LocalForgetRequest Transition(LocalForgetRequest current, LocalForgetState state, string? failureReason, DateTimeOffset now)
    {
        if (current.State == state && current.FailureReason == failureReason) return current;
        if (current.IsFinal)
        {
            throw new InvalidOperationException(
                $"Forget request '{current.RequestId}' is already {current.State}; it cannot become {state}.");
        }

        if (state != LocalForgetState.Failed && !current.IsAcknowledged)
        {
            throw new InvalidOperationException(
                $"Forget request '{current.RequestId}' has not been acknowledged by the server; record the ticket with MarkAcknowledgedAsync first.");
        }

        return current with { State = state, FailureReason = failureReason, UpdatedAt = now };
    }

    private async ValueTask<LocalForgetRequest> Change(string requestId, CancellationToken cancellationToken,
        Func<LocalForgetRequest, DateTimeOffset, LocalForgetRequest> change) =>
        await _database.RunAsync(tx =>
        {
            var current = ForgetRequestRows.FindById(tx.Connection!, requestId, tx)
                ?? throw new KeyNotFoundException($"No local forget request has id '{requestId}'.");
            var next = change(current, _database.Time.GetUtcNow());
            if (next != current) ForgetRequestRows.Update(tx, next);
            return next;
        }, cancellationToken).ConfigureAwait(false);
}
