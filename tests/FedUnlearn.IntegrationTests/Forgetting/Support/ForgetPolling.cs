using FedUnlearn.Client;
using FedUnlearn.Client.Storage;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>How an app follows its own forget request: polling the client SDK's status call (bounded).</summary>
internal static class ForgetPolling
{
    public static async Task<ForgetRequestStatus> WaitForOutcomeAsync(FederationClient client, string ticketId)
    {
        using var timeout = new CancellationTokenSource(FederationHarness.Patience);
        while (true)
        {
            var status = await client.GetForgetStatusAsync(ticketId, timeout.Token);
            if (status.State is LocalForgetState.Completed or LocalForgetState.Failed) return status;
            await Task.Delay(TimeSpan.FromMilliseconds(25), timeout.Token);
        }
    }
}
