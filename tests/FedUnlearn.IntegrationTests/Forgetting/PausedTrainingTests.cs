using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>
/// An aggregator with training paused (<c>FederationServerOptions.TrainingPaused</c>) and every client online serves
/// forget requests one after another, and between and after them starts no training round: its history is the
/// campaigns' rounds and their verification rounds, nothing else. <c>FederationServer.WaitForForgetRequestAsync</c> wakes on each verdict.
/// </summary>
[Collection(ForgettingCollection.Name)]
public sealed class PausedTrainingTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TrainingPaused_TwoRequestsWithEveryClientOnline_OnlyTheirCampaignAndVerificationRoundsRun()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, o =>
        {
            o.TrainingPaused = true;
            // What this test checks is what runs, not how well: nothing is judged.
            (o.Forget.Verification.MaxTestAccuracyDrop, o.Forget.Verification.MaxClassForgetAccuracy) = (null, null);
        }, new TestOutputLogs(output));
        await FederationHarness.WaitUntilAsync(async () => (await federation.Admin.ListClientsAsync(new ListClientsRequest())).Clients
            .All(c => c.State == ClientState.Online), "all clients online");

        var tickets = new List<string>();
        foreach (var label in new[] { 1, 2 })
        {
            // Filed once the previous campaign is over: a runner that trained when idle would be in a training round by then.
            var ack = await federation.Admin.RequestForgetAsync(new RequestForgetRequest
            {
                RequestId = $"paused-class-{label}",
                Scope = new ForgetScope { ClassLabel = new ClassScope { Label = label } },
            });
            // Woken by the campaign's end (no polling); the operator's listing says the same.
            var status = await federation.Running.WaitForForgetRequestAsync(ack.TicketId).WaitAsync(FederationHarness.Patience);
            Assert.Equal(status, await federation.ForgetStatusAsync(ack.TicketId));
            Assert.True(status.State == ForgetState.Completed, $"Request {label} ended {status.State}: {status.FailureReason}");
            tickets.Add(ack.TicketId);
        }

        var rounds = (await federation.Admin.ListRoundsAsync(new ListRoundsRequest { PageSize = 1000 })).Rounds.OrderBy(r => r.Round).ToList();
        // Per request: its (default one) rfa round, then its verification round; numbered 1 to 4, none begun in between or after.
        Assert.Equal(
            [(1UL, RoundKind.Unlearn, tickets[0]), (2UL, RoundKind.Evaluate, tickets[0]), (3UL, RoundKind.Unlearn, tickets[1]), (4UL, RoundKind.Evaluate, tickets[1])],
            rounds.Select(r => (r.Round, r.Kind, r.TicketId)));
    }
}
