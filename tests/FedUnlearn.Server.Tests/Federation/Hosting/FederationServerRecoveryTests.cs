using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;
using FedUnlearn.Server.Tests.Federation.Support;
using RoundState = FedUnlearn.Contracts.V1.RoundState;

namespace FedUnlearn.Server.Tests.Federation.Hosting;

public sealed class FederationServerRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StartAsync_AfterStopMidRound_ContinuesFromTheLastCommittedRound()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MinClients = 2);
        FakeClient a = await harness.AddClientAsync("a"), b = await harness.AddClientAsync("b");
        foreach (FakeClient client in new[] { a, b }) await client.SubscribeAsync();
        ClientTask[] round1 = await Task.WhenAll(a.NextTaskAsync(), b.NextTaskAsync());
        await a.SubmitAsync(round1[0], TestAdapters.Delta(2));
        await b.SubmitAsync(round1[1], TestAdapters.Delta(2));
        Assert.Equal(1L, (await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience)).CommittedVersion);

        // Round 2 is running with one update in when the server goes down.
        ClientTask[] round2 = await Task.WhenAll(a.NextTaskAsync(), b.NextTaskAsync());
        await a.SubmitAsync(round2[0], TestAdapters.Delta(100));
        await harness.RestartAsync();

        FakeClient a2 = harness.Reconnect("a", a.Token), b2 = harness.Reconnect("b", b.Token);
        JoinResponse joined = await a2.JoinAsync();
        Assert.Equal(1UL, joined.AdapterVersion);
        foreach (FakeClient client in new[] { a2, b2 }) await client.SubscribeAsync();
        ClientTask[] round3 = await Task.WhenAll(a2.NextTaskAsync(), b2.NextTaskAsync());
        Assert.All(round3, t => Assert.Equal((3UL, 1UL), (t.Round, t.AdapterVersion)));

        // The interrupted round's task is late, not counted.
        Assert.Equal(UpdateDisposition.Late, (await b2.SubmitAsync(round2[1], TestAdapters.Delta(1))).Disposition);
        await a2.SubmitAsync(round3[0], TestAdapters.Delta(1));
        await b2.SubmitAsync(round3[1], TestAdapters.Delta(1));
        RoundSummary summary = await harness.Server.WaitForRoundAsync(3).WaitAsync(Patience);
        Assert.Equal((RoundOutcome.Committed, 1L, 2L), (summary.Outcome, summary.BaseVersion, summary.CommittedVersion));
        FetchedAdapter fetched = await a2.Rpc.FetchAdapterAsync(0);
        Assert.Equal([4, 5, 6, 7, 8, 9], fetched.Parameters["fc.lora_A"].Data); // +2 in round 1, +1 in round 3

        ListRoundsResponse rounds = await harness.Admin.ListRoundsAsync(new ListRoundsRequest());
        Assert.Equal(
            [(4UL, RoundState.Running), (3UL, RoundState.Committed), (2UL, RoundState.Failed), (1UL, RoundState.Committed)],
            rounds.Rounds.Select(r => (r.Round, r.State)));
        Assert.Equal((2U, 2U, 0U), (rounds.Rounds[1].ClientsSelected, rounds.Rounds[1].UpdatesAccepted, rounds.Rounds[1].UpdatesRejected));
    }

    [Fact]
    public async Task CommittedRound_StoresEachClientsDelta()
    {
        string directory;
        await using (ServerHarness harness = await ServerHarness.StartAsync(o => { o.MinClients = 2; o.Rounds = 1; }))
        {
            directory = harness.DataDirectory;
            FakeClient a = await harness.AddClientAsync("a"), b = await harness.AddClientAsync("b");
            foreach (FakeClient client in new[] { a, b }) await client.SubscribeAsync();
            ClientTask[] tasks = await Task.WhenAll(a.NextTaskAsync(), b.NextTaskAsync());
            await a.SubmitAsync(tasks[0], TestAdapters.Delta(1));
            await b.SubmitAsync(tasks[1], TestAdapters.Delta(3));
            await harness.Server.Completion.WaitAsync(Patience);
            Assert.Equal(RunnerState.Finished, harness.Server.State);
            await harness.Server.StopAsync();

            await using FederationStore store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = directory });
            IReadOnlyList<ClientDeltaRecord> deltas = await store.ListClientDeltasAsync(1);
            Assert.Equal(2, deltas.Count);
            Assert.Equal(TestAdapters.Delta(3).ContentHash(), (await store.LoadBlobAsync(deltas.Single(d => d.TaskId == tasks[1].TaskId).BlobHash)).ContentHash());
        }
    }
}
