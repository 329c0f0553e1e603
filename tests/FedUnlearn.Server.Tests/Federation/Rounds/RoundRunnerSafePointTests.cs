using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Hosting.Internal;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Rounds.Internal;
using FedUnlearn.Server.Storage;
using FedUnlearn.Server.Tests.Federation.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Server.Tests.Federation.Rounds;

/// <summary>Safe-point work (a forget request) and training rounds that find no one to train.</summary>
public sealed class RoundRunnerSafePointTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fedunlearn-safepoint-" + Guid.NewGuid().ToString("N"));
    private FederationStore? _store;

    [Fact]
    public async Task TrainingRoundSelectingNoOne_WorkArrivesWhileItWaits_RunsTheWorkWithoutAnyClientChange()
    {
        // Selecting no one is what happens when a client drops between the wait for clients and the selection;
        // ClientsPerRound = 0 makes that happen every time. Then no client may come or go for a long while.
        var options = new FederationServerOptions { DataDirectory = _directory, AdminToken = "safe-point-admin-token-0123", MinClients = 1, ClientsPerRound = 0 };
        _store = await FederationStore.OpenAsync(new StoreOptions { DataDirectory = _directory });
        await _store.InitializeGlobalAsync(TestAdapters.Global());
        var sessions = new ClientSessions();
        sessions.GetOrAdd((await _store.RegisterClientAsync("a")).Client).Attach(out _);
        var work = new FakeWork();
        var runner = new RoundRunner(_store, StrategyFactory.Create(options), sessions, new AdapterCache(_store, options.ChunkSize), options, NullLogger.Instance)
        {
            SafePoint = work,
        };
        using var stop = new CancellationTokenSource();
        Task running = runner.RunAsync(stop.Token);
        Assert.Equal(RoundOutcome.Abandoned, (await runner.WaitForRoundAsync(1, CancellationToken.None).WaitAsync(Patience)).Outcome);

        work.Arrive();

        await work.Ran.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed class FakeWork : ISafePointWork
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _pending;

        public TaskCompletionSource Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasPendingWork => _pending;

        public Task WorkArrived => _arrived.Task;

        public void Arrive()
        {
            _pending = true;
            _arrived.TrySetResult();
        }

        public Task RunAsync(CancellationToken cancellationToken)
        {
            _pending = false;
            Ran.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
