using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Aggregation.FedAvg;
using FedUnlearn.Server.Forget.Internal;
using FedUnlearn.Server.Storage;
using FedUnlearn.Server.Tests.Storage;

namespace FedUnlearn.Server.Tests.Forget.Internal;

/// <summary>Removing a client from the stored history: exact replay, and honest fallback when the history is short.</summary>
public sealed class DeltaReplayTests
{
    private static readonly FedAvgStrategy FedAvg = new();

    [Fact]
    public async Task RemoveAsync_FullHistory_ReplaysFedAvgOfTheOthers()
    {
        await using var fixture = new StoreFixture();
        FederationStore store = await fixture.OpenAsync();
        (string x, _) = await HistoryAsync(store, rounds: 2);

        ReplayOutcome outcome = await DeltaReplay.RemoveAsync(store, FedAvg.CreateAggregator, x, CancellationToken.None);

        Assert.Null(outcome.FallbackReason);
        Assert.Equal((2, 2), (outcome.RoundsReplayed, outcome.RoundsAffected));
        Assert.Equal([4f], outcome.Corrected!["fc1.lora_B"].Data); // 0 + 2 + 2 (y's deltas alone)
    }

    [Fact]
    public async Task RemoveAsync_DeltasPrunedByRetention_FallsBackWithTheReason()
    {
        await using var fixture = new StoreFixture(retainedDeltaRounds: 1);
        FederationStore store = await fixture.OpenAsync();
        (string x, _) = await HistoryAsync(store, rounds: 2);
        await store.PruneAsync();

        ReplayOutcome outcome = await DeltaReplay.RemoveAsync(store, FedAvg.CreateAggregator, x, CancellationToken.None);

        Assert.Null(outcome.Corrected);
        Assert.Contains("the client deltas of round 1 are no longer retained", outcome.FallbackReason);
    }

    [Fact]
    public async Task RemoveAsync_ClientNeverContributed_NothingToRemove()
    {
        await using var fixture = new StoreFixture();
        FederationStore store = await fixture.OpenAsync();
        await HistoryAsync(store, rounds: 1);
        ClientRecord z = (await store.RegisterClientAsync("z")).Client;

        ReplayOutcome outcome = await DeltaReplay.RemoveAsync(store, FedAvg.CreateAggregator, z.Id, CancellationToken.None);

        Assert.True(outcome.NothingToRemove);
    }

    /// <summary>Rounds where x sends +4 (weight 1) and y sends +2 (weight 1): each round commits +3.</summary>
    private static async Task<(string X, string Y)> HistoryAsync(FederationStore store, int rounds)
    {
        await store.InitializeGlobalAsync(StoreFixture.Params(0));
        string x = (await store.RegisterClientAsync("x")).Client.Id, y = (await store.RegisterClientAsync("y")).Client.Id;
        for (int i = 0; i < rounds; i++)
        {
            RoundRecord round = await store.BeginRoundAsync();
            await store.CreateTasksAsync(round.Number, TaskKind.Train, [($"t{round.Number}x", x), ($"t{round.Number}y", y)]);
            await store.SubmitTaskAsync($"t{round.Number}x", StoreFixture.Params(4), 1);
            await store.SubmitTaskAsync($"t{round.Number}y", StoreFixture.Params(2), 1);
            ParameterSet global = await store.LoadGlobalAsync(round.GlobalVersionIn);
            await store.CommitRoundAsync(round.Number, StoreFixture.Params(global["fc1.lora_B"].Data[0] + 3), 2);
        }

        return (x, y);
    }
}
