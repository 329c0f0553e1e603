namespace FedUnlearn.Server.Forget.Internal;

internal sealed partial class Campaign
{
    /// <summary>
    /// Waits for the server's MinClients less the clients removed from the federation (at least one):
    /// a client that left must not stall its own removal's repair and verification rounds.
    /// </summary>
    /// <returns>How many clients were removed from the federation.</returns>
    private async Task<int> WaitForClientsAsync(CancellationToken cancellationToken)
    {
        int removed = (await context.Store.ListClientsAsync(cancellationToken).ConfigureAwait(false)).Count(c => c.RemovedAt is not null);
        await context.Runner.WaitForClientsAsync(Math.Max(1, context.Server.MinClients - removed), cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Waits up to one round deadline for <paramref name="clientId"/> to open its task stream.</summary>
    private async Task<bool> WaitForClientAsync(string clientId, CancellationToken cancellationToken)
    {
        DateTimeOffset until = context.Time.GetUtcNow() + context.Server.RoundDeadline;
        while (true)
        {
            Task changed = context.Runner.Sessions.Changed;
            if (context.Runner.Sessions.Find(clientId)?.IsOnline == true) return true;
            TimeSpan left = until - context.Time.GetUtcNow();
            if (left <= TimeSpan.Zero) return false;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(changed, Task.Delay(left, context.Time, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
