using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

internal sealed partial class FederationHarness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>The server's view of request <paramref name="ticketId"/>, as the operator lists it.</summary>
    public async Task<ForgetStatus> ForgetStatusAsync(string ticketId)
    {
        var listed = await Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest { PageSize = 1000 });
        return listed.Requests.SingleOrDefault(r => r.TicketId == ticketId)
            ?? throw new InvalidOperationException($"The server lists no forget request {ticketId}.");
    }

    /// <summary>Polls the operator's listing until <paramref name="reached"/> holds (bounded by <see cref="Patience"/>).</summary>
    public async Task<ForgetStatus> WaitForForgetAsync(string ticketId, Func<ForgetStatus, bool> reached, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var status = await ForgetStatusAsync(ticketId);
        while (!reached(status))
        {
            if (status.State is ForgetState.Completed or ForgetState.Failed)
                throw new InvalidOperationException($"Request {ticketId} ended {status.State} ({status.FailureReason}) before {what}.");
            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Request {ticketId} did not reach {what} within {Patience}; it is {status.State}, " +
                    $"{status.RoundsCompleted}/{status.RoundsPlanned} rounds.");
            }

            status = await ForgetStatusAsync(ticketId);
        }

        return status;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (bounded by <see cref="Patience"/>).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still waiting for {what} after {Patience}.");
            }
        }
    }

    /// <summary>The state the operator sees for <paramref name="clientId"/>.</summary>
    public async Task<ClientState> ClientStateAsync(string clientId) =>
        (await Admin.ListClientsAsync(new ListClientsRequest())).Clients.Single(c => c.ClientId == clientId).State;

    /// <summary>Waits until request <paramref name="ticketId"/> completed or failed.</summary>
    public Task<ForgetStatus> WaitForOutcomeAsync(string ticketId) =>
        WaitForForgetAsync(ticketId, s => s.State is ForgetState.Completed or ForgetState.Failed, "an outcome");

    /// <summary>The audit log file and the public key an outside auditor verifies it with.</summary>
    public async Task<AuditVerification> VerifyAuditAsync() =>
        await AuditVerifier.VerifyAsync(Path.Combine(ServerDirectory, AuditLog.FileName),
            await File.ReadAllTextAsync(Path.Combine(ServerDirectory, AuditSigningKey.PublicKeyFileName)));

    /// <summary>Opens the store of a stopped server, as an auditor would.</summary>
    public Task<FederationStore> OpenStoreAsync()
    {
        if (Server is not null) throw new InvalidOperationException("Stop the server before opening its store.");
        return FederationStore.OpenAsync(new StoreOptions { DataDirectory = ServerDirectory });
    }

    /// <summary>Every file of the server's data directory holding any of <paramref name="patterns"/>, with the pattern found.</summary>
    public IReadOnlyList<string> ServerFilesContaining(IReadOnlyList<byte[]> patterns)
    {
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ServerDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            foreach (var pattern in patterns)
            {
                if (bytes.AsSpan().IndexOf(pattern) >= 0) hits.Add($"{Path.GetRelativePath(ServerDirectory, file)}: {Convert.ToHexString(pattern)}");
            }
        }

        return hits;
    }
}
