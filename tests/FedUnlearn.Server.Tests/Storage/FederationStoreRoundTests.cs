using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStoreRoundTests
{
    [Fact]
    public async Task CommitRound_NewGlobal_StoredAsNextVersionAndLoadsBack()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var v0 = await store.InitializeGlobalAsync(Params(0, 0));
        var round = await store.BeginRoundAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        var v1 = await store.CommitRoundAsync(round.Number, Params(1, 2), participants: 3);

        Assert.Equal((0L, (long?)null), (v0.Version, v0.ParentVersion));
        Assert.Equal((1L, (long?)0, (long?)1), (v1.Version, v1.ParentVersion, v1.Round));
        Assert.Equal(Params(1, 2).ContentHash(), v1.ContentHash);
        Assert.Equal(new float[] { 1f, 2f }, (await store.LoadGlobalAsync(1))["fc1.lora_B"].Data);
        var committed = await store.LatestCommittedRoundAsync();
        Assert.Equal(new RoundRecord(1, RoundState.Committed, Start, Start.AddSeconds(30), 0, 1, 3, null), committed);
        Assert.Equal(v1, await store.LatestGlobalVersionAsync());
    }

    [Fact]
    public async Task InitializeGlobal_Twice_KeepsFirst()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var first = await store.InitializeGlobalAsync(Params(1));

        var second = await store.InitializeGlobalAsync(Params(2));

        Assert.Equal(first, second);
        Assert.Equal(new float[] { 1f }, (await store.LoadGlobalAsync(0))["fc1.lora_B"].Data);
    }

    [Fact]
    public async Task BeginRound_WithoutGlobalOrWhileOneRuns_Throws()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.BeginRoundAsync());
        await store.InitializeGlobalAsync(Params(0));
        await store.BeginRoundAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.BeginRoundAsync());
        Assert.Equal("Round 1 is still running; commit or abandon it first.", e.Message);
    }

    [Fact]
    public async Task AbandonRound_ThenNextRound_NumberNotReusedAndStartsFromSameVersion()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.InitializeGlobalAsync(Params(0));
        var first = await store.BeginRoundAsync();

        var abandoned = await store.AbandonRoundAsync(first.Number, "deadline with 0 updates");
        var next = await store.BeginRoundAsync();

        Assert.Equal((RoundState.Abandoned, "deadline with 0 updates"), (abandoned.State, abandoned.Note));
        Assert.Equal((2L, 0L), (next.Number, next.GlobalVersionIn));
        Assert.Null(await store.LatestCommittedRoundAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitRoundAsync(first.Number, Params(1), 1));
    }

    [Fact]
    public async Task Open_ExistingStore_SchemaKeptAndNewerSchemaRefused()
    {
        await using var fixture = new StoreFixture();
        await (await fixture.OpenAsync()).DisposeAsync();
        await (await fixture.OpenAsync()).DisposeAsync();
        using (var raw = fixture.RawConnection())
        {
            using var read = raw.CreateCommand();
            read.CommandText = "SELECT version FROM schema_version; ";
            Assert.Equal((long)FederationStore.SchemaVersion, read.ExecuteScalar());
            using var journal = raw.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", journal.ExecuteScalar());
            using var bump = raw.CreateCommand();
            bump.CommandText = "UPDATE schema_version SET version = 99";
            bump.ExecuteNonQuery();
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(fixture.OpenAsync);
        Assert.Contains("schema version 99 is newer", e.Message);
    }
}
