using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Tests.Federation.Support;
using FedUnlearn.Server.Tests.Forget.Support;

namespace FedUnlearn.Server.Tests.Federation.Rounds;

/// <summary>Exact-LoRA task configuration and the bound on training rounds that keep failing.</summary>
public sealed class RoundRunnerFailedRoundsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TrainTask_ExactLoraStrategy_ListsEveryLoraAAsFrozen()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.Strategy = StrategyNames.ExactLora);
        FakeClient[] clients = await ForgetSteps.ConnectAsync(harness, "a", "b", "c");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));

        Assert.All(tasks, t => Assert.Equal(["fc.lora_A"], t.Train.FrozenParameters));
    }

    [Fact]
    public async Task TrainTask_FedAvg_FreezesNothing()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient[] clients = await ForgetSteps.ConnectAsync(harness, "a", "b", "c");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));

        Assert.All(tasks, t => Assert.Empty(t.Train.FrozenParameters));
    }

    [Fact]
    public async Task Rounds_ExactLoraUpdatesThatChangeA_StopAfterMaxFailedRoundsWithTheRejectionReason()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Strategy, o.MaxFailedRounds) = (StrategyNames.ExactLora, 3));
        FakeClient[] clients = await ForgetSteps.ConnectAsync(harness, "a", "b", "c");

        // Clients that ignore the freeze: every update moves lora_A and is rejected, so no round can commit.
        for (ulong round = 1; round <= 3; round++)
        {
            ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
            Assert.All(tasks, t => Assert.Equal(round, t.Round));
            await Task.WhenAll(clients.Select((c, i) => SubmitIgnoringRejectionAsync(c, tasks[i], TestAdapters.Delta(0.5f))));
        }

        RoundsFailedException failed = await Assert.ThrowsAsync<RoundsFailedException>(() => harness.Server.Completion.WaitAsync(Patience));
        Assert.Equal((3, 3L, RoundOutcome.Abandoned), (failed.Attempts, failed.LastRound.Round, failed.LastRound.Outcome));
        Assert.Equal("Training failed 3 time(s) in a row (last: round 3; the global adapter stays at version 0): "
            + "0 accepted update(s) before the deadline; 2 needed; 3 of 3 update(s) rejected: a, b, c: tensor 'fc.lora_A' is a frozen LoRA A "
            + "but differs from the global by up to 0.5 (tolerance 1E-06); exact mode requires A unchanged", failed.Message);
        Assert.Equal(RunnerState.Failed, harness.Server.State);
        Assert.Equal(3, harness.Server.RecentRounds.Count);
    }

    [Fact]
    public async Task Rounds_SilentClientsPastDeadline_CommittedRoundResetsTheCount_ThenStopsAfterMaxFailedRounds()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MaxFailedRounds = 2);
        FakeClient[] clients = await ForgetSteps.ConnectAsync(harness, "a", "b", "c");

        await AbandonSilentlyAsync(harness, clients, round: 1);
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(tasks[i], TestAdapters.Delta(1))));
        Assert.Equal(RoundOutcome.Committed, (await harness.Server.WaitForRoundAsync(2).WaitAsync(Patience)).Outcome);

        // One failure before the commit and one after: still below the bound of 2 in a row.
        await AbandonSilentlyAsync(harness, clients, round: 3);
        Assert.False(harness.Server.Completion.IsCompleted);
        await AbandonSilentlyAsync(harness, clients, round: 4);

        RoundsFailedException failed = await Assert.ThrowsAsync<RoundsFailedException>(() => harness.Server.Completion.WaitAsync(Patience));
        Assert.Equal((2, 4L), (failed.Attempts, failed.LastRound.Round));
        Assert.Contains("the global adapter stays at version 1): 0 accepted update(s) before the deadline; 2 needed", failed.Message);
    }

    private static async Task AbandonSilentlyAsync(ServerHarness harness, FakeClient[] clients, long round)
    {
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        Assert.All(tasks, t => Assert.Equal((ulong)round, t.Round));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RoundOutcome.Abandoned, (await harness.Server.WaitForRoundAsync(round).WaitAsync(Patience)).Outcome);
    }

    private static async Task SubmitIgnoringRejectionAsync(FakeClient client, ClientTask task, ParameterSet delta)
    {
        try
        {
            await client.SubmitAsync(task, delta);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            // The rejection is what this test is about; the round summary carries it.
        }
    }
}
