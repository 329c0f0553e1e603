using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// Forget requests end to end: accepted and persisted at the RPC edge (<c>ForgetRequestService.Accept.cs</c>),
/// queued, and run by the round runner at its next safe point, one campaign at a time in acceptance
/// order (<see cref="Campaign"/>). Everything a campaign needs to resume is in the store.
/// </summary>
internal sealed partial class ForgetRequestService : IForgetRequestService, ISafePointWork
{
    private readonly ForgetContext _context;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _accepting = new(1, 1);
    private TaskCompletionSource _arrived = NewSignal();
    private TaskCompletionSource _settled = NewSignal();
    private int _open;

    private ForgetRequestService(ForgetContext context, int open)
    {
        _context = context;
        _open = open;
    }

    /// <summary>Loads the queue and writes acceptance records a crash may have left unwritten.</summary>
    public static async Task<ForgetRequestService> OpenAsync(ForgetContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<ForgetRequestRecord> open = await context.Store.ListOpenForgetRequestsAsync(cancellationToken).ConfigureAwait(false);
        var service = new ForgetRequestService(context, open.Count(r => r.AcceptedAudited));
        foreach (ForgetRequestRecord request in open.Where(r => !r.AcceptedAudited))
        {
            await service.AuditAcceptedAsync(request, cancellationToken).ConfigureAwait(false);
            service._open++;
        }
        return service;
    }

    /// <inheritdoc />
    public int OpenCount => Volatile.Read(ref _open);

    /// <inheritdoc />
    public bool HasPendingWork => OpenCount > 0;

    /// <inheritdoc />
    public Task WorkArrived
    {
        get { lock (_gate) return _arrived.Task; }
    }

    /// <summary>Completes when the next campaign ends, its request completed or failed (then a fresh signal waits for the one after).</summary>
    public Task Settled
    {
        get { lock (_gate) return _settled.Task; }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Only requests whose acceptance record is written: the audit trail of a request starts with it.
        ForgetRequestRecord? next = (await _context.Store.ListOpenForgetRequestsAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.AcceptedAudited);
        if (next is null)
        {
            Volatile.Write(ref _open, 0);
            return;
        }

        try
        {
            await new Campaign(_context, next).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or a broken store must not leave the request open forever, nor stop the federation.
            ForgetLog.CampaignCrashed(_context.Logger, next.TicketId, ex);
            ForgetRequestRecord current = await _context.Store.GetForgetRequestAsync(next.TicketId, cancellationToken).ConfigureAwait(false) ?? next;
            var campaign = new Campaign(_context, current);
            await campaign.FailAndFinishAsync(current, $"internal error: {ex.GetType().Name}: {ex.Message}", cancellationToken).ConfigureAwait(false);
        }

        // Recounted rather than decremented: a request accepted meanwhile is counted whichever way the race went.
        int open = (await _context.Store.ListOpenForgetRequestsAsync(CancellationToken.None).ConfigureAwait(false)).Count(r => r.AcceptedAudited);
        Volatile.Write(ref _open, open);
        Signal(ref _settled);
    }

    private void Signal() => Signal(ref _arrived);

    private void Signal(ref TaskCompletionSource signal)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = signal;
            signal = NewSignal();
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
