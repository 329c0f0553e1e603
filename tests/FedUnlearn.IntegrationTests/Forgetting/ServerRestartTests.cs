using System.Collections.Concurrent;
using FedUnlearn.Client;
using FedUnlearn.Client.Events;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>The aggregator restarts in the middle of a campaign: committed campaign rounds are kept, the interrupted one runs again, the request completes.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class ServerRestartTests(FederationFixture fixture, ITestOutputHelper output)
{
    private const int CampaignRounds = 3;

    [Fact]
    public async Task ServerRestartsMidCampaign_ClientsReconnectAndTheCampaignCompletesWithItsCommittedRoundsKept()
    {
        // What this test checks is durability. Three full-weight rfa rounds on the requester's third of this tiny
        // synthetic set cost ~17 test points (one round, SampleForgettingTests, stays within the policy), so the drop is not judged here.
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3,
            o => (o.Forget.Methods["rfa"].Rounds, o.Forget.Verification.MaxTestAccuracyDrop) = (CampaignRounds, null),
            new TestOutputLogs(output));
        var owner = federation.Nodes[0];
        // The owner stalls in campaign round 2, so the server is stopped with round 1 committed and round 2 in flight.
        var hold = owner.Hold = new TaskHold(t => t.Kind == ClientTaskKind.Unlearn && owner.Data.Tasks.Count(x => x.Kind == ClientTaskKind.Unlearn) == 2);
        var submitted = new ConcurrentQueue<TaskSubmittedEventArgs>();
        owner.Client!.TaskSubmitted += (_, e) => submitted.Enqueue(e);
        await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        var request = await owner.Client!.RequestForgetAsync(Enumerable.Range(0, 30).Select(i => owner.Data.GetId(i * 7)), "erasure before restart");
        await hold.Reached.WaitAsync(FederationHarness.Patience);

        var interrupted = await federation.ForgetStatusAsync(request.TicketId!);
        Assert.Equal((ForgetState.Running, 1U, (uint)CampaignRounds), (interrupted.State, interrupted.RoundsCompleted, interrupted.RoundsPlanned));
        await federation.StopServerAsync();
        await federation.StartServerAsync();
        // The stale task computes only now and is sent to the new server, which must not count it.
        hold.Release();

        var status = await federation.WaitForOutcomeAsync(request.TicketId!);
        Assert.True(status.State == ForgetState.Completed, $"The request ended {status.State}: {status.FailureReason}");
        Assert.Equal(((uint)CampaignRounds, (uint)CampaignRounds), (status.RoundsCompleted, status.RoundsPlanned));
        Assert.Equal(LocalForgetState.Completed, (await ForgetPolling.WaitForOutcomeAsync(owner.Client!, request.TicketId!)).State);

        // Exactly the planned rounds were committed for the ticket: the one before the restart kept, the interrupted one abandoned and run again.
        var rounds = (await federation.Admin.ListRoundsAsync(new ListRoundsRequest { PageSize = 1000 })).Rounds
            .Where(r => r.TicketId == request.TicketId && r.Kind == RoundKind.Unlearn).OrderBy(r => r.Round).ToList();
        var committed = rounds.Where(r => r.State == RoundState.Committed).ToList();
        Assert.Equal(CampaignRounds, committed.Count);
        var abandoned = Assert.Single(rounds, r => r.State == RoundState.Failed);
        Assert.True(committed[0].Round < abandoned.Round && abandoned.Round < committed[1].Round, string.Join(", ", rounds.Select(r => $"{r.Round}:{r.State}")));
        Assert.Equal(committed[0].CommittedVersion, committed[1].BaseVersion);
        Assert.All(committed, r => Assert.Equal(1U, r.UpdatesAccepted)); // the requester alone corrects
        // The stale result either reaches the new server, which refuses it as late, or dies with the old connection; it never counts.
        var stale = Assert.Single(submitted, e => e.TaskId == $"r{abandoned.Round}-c0").Outcome;
        Assert.True(stale is TaskSubmissionOutcome.Late or TaskSubmissionOutcome.Undelivered, $"The stale result was {stale}.");

        // Every client is back on the new server.
        await FederationHarness.WaitUntilAsync(async () => (await federation.Admin.ListClientsAsync(new ListClientsRequest())).Clients
            .All(c => c.State == ClientState.Online), "all clients online again");
        var audit = await federation.VerifyAuditAsync();
        Assert.True(audit.IsValid, audit.ToString());
    }
}
