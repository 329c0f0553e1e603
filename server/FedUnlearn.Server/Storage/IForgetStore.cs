namespace FedUnlearn.Server.Storage;

/// <summary>Forget requests, durable from acceptance to their final state.</summary>
public interface IForgetStore
{
    /// <summary>
    /// Stores a new request under the next ticket (<c>fgt-</c> and its sequence), or, when a request with the same
    /// <see cref="ForgetRequestRecord.KeyHash"/> exists, returns that one unchanged with <c>Created = false</c>.
    /// The ticket id, sequence and times of <paramref name="request"/> are assigned here.
    /// </summary>
    Task<(ForgetRequestRecord Request, bool Created)> AddForgetRequestAsync(ForgetRequestRecord request, CancellationToken cancellationToken = default);

    /// <summary>Saves every mutable member of <paramref name="request"/> (state, progress, results), stamping the update time.</summary>
    /// <returns>The request as stored.</returns>
    Task<ForgetRequestRecord> UpdateForgetRequestAsync(ForgetRequestRecord request, CancellationToken cancellationToken = default);

    /// <summary>The request with that ticket, or null.</summary>
    Task<ForgetRequestRecord?> GetForgetRequestAsync(string ticketId, CancellationToken cancellationToken = default);

    /// <summary>Requests, newest first, optionally only those in <paramref name="state"/>.</summary>
    Task<IReadOnlyList<ForgetRequestRecord>> ListForgetRequestsAsync(ForgetRequestState? state, CancellationToken cancellationToken = default);

    /// <summary>Requests not completed or failed, oldest first (the campaign queue).</summary>
    Task<IReadOnlyList<ForgetRequestRecord>> ListOpenForgetRequestsAsync(CancellationToken cancellationToken = default);
}
