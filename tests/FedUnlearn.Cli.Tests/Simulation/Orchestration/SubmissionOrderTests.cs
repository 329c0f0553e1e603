using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Client;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class SubmissionOrderTests
{
    [Fact]
    public void WaitTurn_LowerClientsNotYetAcknowledged_WaitsForEachInOrder()
    {
        var order = new SubmissionOrder(_ => 3);
        for (var c = 0; c < 3; c++) order.Started(c, $"t{c}", 5, ClientTaskKind.Train);
        var last = order.WaitTurnAsync(2, 5, CancellationToken.None);
        var middle = order.WaitTurnAsync(1, 5, CancellationToken.None);

        Assert.True(order.WaitTurnAsync(0, 5, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(middle.IsCompleted);
        order.Submitted("t0");
        Assert.True(middle.IsCompletedSuccessfully);
        Assert.False(last.IsCompleted);
        order.Submitted("t1");
        Assert.True(last.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitTurn_BeforeEveryParticipantStarted_WaitsEvenForTheLowestStarted()
    {
        var order = new SubmissionOrder(_ => 2);
        order.Started(1, "t1", 1, ClientTaskKind.Unlearn);
        var turn = order.WaitTurnAsync(1, 1, CancellationToken.None);
        Assert.False(turn.IsCompleted); // client 0 may still get a task of this round
        order.Started(0, "t0", 1, ClientTaskKind.Unlearn);
        Assert.False(turn.IsCompleted);
        order.Submitted("t0");
        Assert.True(turn.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitTurn_ClientNotSelected_IsNotWaitedFor()
    {
        var order = new SubmissionOrder(kind => kind == ClientTaskKind.Train ? 2 : 3);
        order.Started(0, "a", 2, ClientTaskKind.Train);
        order.Started(2, "c", 2, ClientTaskKind.Train);
        var turn = order.WaitTurnAsync(2, 2, CancellationToken.None);
        Assert.False(turn.IsCompleted);
        order.Submitted("a");
        Assert.True(turn.IsCompletedSuccessfully);
    }

    [Fact]
    public void WaitTurn_RoundsAreIndependent()
    {
        var order = new SubmissionOrder(_ => 2);
        order.Started(0, "r1-0", 1, ClientTaskKind.Train);
        order.Started(1, "r1-1", 1, ClientTaskKind.Train);
        order.Started(0, "r2-0", 2, ClientTaskKind.Train);
        order.Started(1, "r2-1", 2, ClientTaskKind.Train);
        order.Submitted("r2-0");
        Assert.True(order.WaitTurnAsync(1, 2, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(order.WaitTurnAsync(1, 1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Started_EvaluateTask_TakesNoPlaceInTheOrder()
    {
        var order = new SubmissionOrder(_ => 1);
        order.Started(0, "e0", 3, ClientTaskKind.Evaluate);
        order.Started(1, "t1", 3, ClientTaskKind.Unlearn);
        Assert.True(order.WaitTurnAsync(1, 3, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitTurn_Cancelled_Throws()
    {
        var order = new SubmissionOrder(_ => 2);
        order.Started(1, "t1", 1, ClientTaskKind.Train);
        using var cancel = new CancellationTokenSource();
        var turn = order.WaitTurnAsync(1, 1, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn);
    }

    [Fact]
    public void WaitTurn_ShardedGroups_OrderOnlyWithinEachShard()
    {
        // Clients 0 and 2 in shard 0, client 1 in shard 1: client 2 waits for 0 only, client 1 for nobody.
        var order = new SubmissionOrder((_, shard) => shard == 0 ? 2 : 1, client => client == 1 ? 1 : 0);
        for (var c = 0; c < 3; c++) order.Started(c, $"t{c}", 4, ClientTaskKind.Train);

        var shard0Second = order.WaitTurnAsync(2, 4, CancellationToken.None);
        Assert.True(order.WaitTurnAsync(1, 4, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(shard0Second.IsCompleted);
        order.Submitted("t1");
        Assert.False(shard0Second.IsCompleted);
        order.Submitted("t0");
        Assert.True(shard0Second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitTurn_HeldRound_WaitsForTheHoldThenTheTurn()
    {
        var order = new SubmissionOrder(_ => 1);
        var release = new TaskCompletionSource();
        order.Hold(2, release.Task);
        order.Started(0, "t0", 2, ClientTaskKind.Train);
        order.Started(0, "u0", 3, ClientTaskKind.Train);

        var held = order.WaitTurnAsync(0, 2, CancellationToken.None);
        Assert.True(order.WaitTurnAsync(0, 3, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(held.IsCompleted);
        release.SetResult();
        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
