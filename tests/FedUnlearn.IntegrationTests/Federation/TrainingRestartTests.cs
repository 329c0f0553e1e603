using System.Collections.Concurrent;
using System.Globalization;
using FedUnlearn.Client;
using FedUnlearn.Client.Events;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Federation.Support;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Rounds;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Federation;

/// <summary>The aggregator restarts in the middle of a training round: the committed round is kept, the interrupted one runs again, training goes on.</summary>
[Collection(FederationCollection.Name)]
public sealed class TrainingRestartTests(WeakBaseFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 3;

    [Fact]
    public async Task ServerRestartsMidTrainingRound_CommittedRoundKept_InterruptedRoundRunAgain_ModelKeepsImproving()
    {
        var data = fixture.Data;
        // c0 stalls in its second training task, so the server stops with round 1 committed and round 2 in flight.
        await using var federation = await FederationHarness.StartAsync(data, clients: 3, o => o.Rounds = Rounds, new TestOutputLogs(output),
            prepare: node => node.Hold = node.ClientId == "c0"
                ? new TaskHold(t => t.Kind == ClientTaskKind.Train && node.Data.Tasks.Count(x => x.Kind == ClientTaskKind.Train) == 2)
                : null);
        var c0 = federation.Nodes[0];
        var submitted = new ConcurrentQueue<TaskSubmittedEventArgs>();
        c0.Client!.TaskSubmitted += (_, e) => submitted.Enqueue(e);
        var first = await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        await c0.Hold!.Reached.WaitAsync(FederationHarness.Patience);

        await federation.StopServerAsync();
        await federation.StartServerAsync();
        // The stale task computes only now and is sent to the new server, which must not count it.
        c0.Hold.Release();

        await federation.Running.Completion.WaitAsync(FederationHarness.Patience);
        var rounds = (await federation.Admin.ListRoundsAsync(new ListRoundsRequest { PageSize = 100 })).Rounds.OrderBy(r => r.Round).ToList();
        output.WriteLine("rounds: " + string.Join(", ", rounds.Select(r => $"{r.Round}:{r.Kind}:{r.State}")));
        Assert.Equal([(1UL, RoundState.Committed), (2UL, RoundState.Failed), (3UL, RoundState.Committed), (4UL, RoundState.Committed)],
            rounds.Select(r => (r.Round, r.State)));
        var (third, fourth) = (await federation.Running.WaitForRoundAsync(3), await federation.Running.WaitForRoundAsync(4));
        // Round 3 trained from round 1's commit: nothing of the interrupted round 2 reached the model.
        Assert.Equal((first.CommittedVersion!.Value, first.CommittedVersion + 1), (third.BaseVersion, third.CommittedVersion));
        Assert.Equal(third.CommittedVersion, fourth.BaseVersion);
        Assert.All([third, fourth], r => Assert.Equal(["c0", "c1", "c2"], r.Contributors.Order()));
        var stale = Assert.Single(submitted, e => e.TaskId == "r2-c0").Outcome;
        Assert.True(stale is TaskSubmissionOutcome.Late or TaskSubmissionOutcome.Undelivered, $"The stale result was {stale}.");

        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();
        await using var store = await federation.OpenStoreAsync();
        var accuracy = new double[fourth.CommittedVersion!.Value + 1];
        for (var version = 0; version < accuracy.Length; version++)
            accuracy[version] = (await data.ClassAccuracyAsync(await store.LoadGlobalAsync(version))).Average();
        var text = string.Join(" ", accuracy.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)));
        output.WriteLine($"test accuracy by version: {text}");
        Assert.Equal(Rounds + 1, accuracy.Length);
        Assert.True(accuracy[^1] >= 0.72 && accuracy[^1] >= accuracy[1] + 0.1, $"Training did not go on after the restart: {text}");
    }
}
