using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStoreRecoveryTests
{
    [Fact]
    public async Task Reopen_AfterCrashMidRound_SeesLastCommittedRoundOnly()
    {
        await using var fixture = new StoreFixture();
        var crashed = await fixture.OpenAsync();
        var client = await crashed.RegisterClientAsync("a");
        await crashed.InitializeGlobalAsync(Params(0));
        await crashed.CommitRoundAsync((await crashed.BeginRoundAsync()).Number, Params(1), 1);
        var inFlight = await crashed.BeginRoundAsync();
        await crashed.CreateTaskAsync("t", inFlight.Number, client.Client.Id, TaskKind.Train);
        await crashed.SubmitTaskAsync("t", Params(2), 5);
        // The server dies here: no commit, no dispose. A new process opens the same directory.

        var restarted = await fixture.OpenAsync();

        Assert.Equal(1, (await restarted.LatestCommittedRoundAsync())!.Number);
        Assert.Equal(1, (await restarted.LatestGlobalVersionAsync())!.Version);
        Assert.Equal(new float[] { 1f }, (await restarted.LoadGlobalAsync(1))["fc1.lora_B"].Data);
        Assert.Equal(RoundState.Running, (await restarted.GetRoundAsync(2))!.State);

        Assert.Equal(1, await restarted.RecoverInterruptedRoundsAsync());
        var next = await restarted.BeginRoundAsync();

        Assert.Equal(RoundState.Abandoned, (await restarted.GetRoundAsync(2))!.State);
        Assert.Equal((3L, 1L), (next.Number, next.GlobalVersionIn));
        Assert.Equal(TaskState.Submitted, (await restarted.GetTaskAsync("t"))!.State);
    }

    [Fact]
    public async Task Reopen_CommitTransactionNeverFinished_NothingOfItVisible()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0));
        var round = await store.BeginRoundAsync();
        var reader = await fixture.OpenAsync();

        // Another connection performs the commit's writes but dies before COMMIT.
        using (var raw = fixture.RawConnection())
        {
            using var tx = raw.BeginTransaction();
            using var write = raw.CreateCommand();
            write.Transaction = tx;
            write.CommandText = $"""
                INSERT INTO global_versions (version, blob_hash, content_hash, created_ms, parent_version, round)
                    VALUES (1, '{new string('a', 64)}', 'x', 0, 0, {round.Number});
                UPDATE rounds SET state = 'committed', version_out = 1 WHERE number = {round.Number};
                """;
            write.ExecuteNonQuery();

            // While the transaction is open, a reader sees the last committed state.
            Assert.Equal(0, (await reader.LatestGlobalVersionAsync())!.Version);
            Assert.Null(await reader.LatestCommittedRoundAsync());
        }

        var reopened = await fixture.OpenAsync();
        Assert.Equal(0, (await reopened.LatestGlobalVersionAsync())!.Version);
        Assert.Equal(RoundState.Running, (await reopened.GetRoundAsync(round.Number))!.State);
    }
}
