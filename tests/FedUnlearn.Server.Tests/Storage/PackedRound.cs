using FedUnlearn.Server.Storage;
using static FedUnlearn.Server.Tests.Storage.StoreFixture;

namespace FedUnlearn.Server.Tests.Storage;

/// <summary>A running round with one train task per client and its deltas appended to the round's pack, not yet submitted.</summary>
internal sealed record PackedRound(FederationStore Store, long Round, DeltaPack Pack, IReadOnlyList<TaskResult> Results)
{
    /// <summary>Starts a round on <paramref name="store"/> (clients c0..c(n-1) registered on first use) whose client i sends the delta [round·100 + i].</summary>
    public static async Task<PackedRound> StartAsync(FederationStore store, int clients)
    {
        if (await store.LatestGlobalVersionAsync() is null) await store.InitializeGlobalAsync(Params(0));
        var round = (await store.BeginRoundAsync()).Number;
        var ids = new List<string>();
        for (var i = 0; i < clients; i++)
            ids.Add((await store.FindClientByNameAsync($"c{i}"))?.Id ?? (await store.RegisterClientAsync($"c{i}")).Client.Id);
        await store.CreateTasksAsync(round, TaskKind.Train, [.. ids.Select((id, i) => ($"r{round}-t{i}", id))]);
        var pack = store.OpenDeltaPack(round);
        // Concurrent appends, as uploads arrive in a real round.
        var staged = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => pack.AppendAsync(Params(round * 100 + i))));
        return new PackedRound(store, round, pack, [.. staged.Select((blob, i) => new TaskResult($"r{round}-t{i}", blob, 10 + i))]);
    }

    /// <summary>Commits the round with global [round] and its deltas in one transaction (sealing the pack), as the round runner does.</summary>
    public async Task CommitAsync()
    {
        await Store.CommitRoundAsync(Round, Params(Round), Results.Count, Results);
        Pack.Dispose();
    }

    public string[] PackFiles(string pattern = "*") => Directory.GetFiles(Store.PackDirectory, pattern);
}
