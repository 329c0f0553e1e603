namespace FedUnlearn.Server.Storage;

/// <summary>The aggregator's whole durable state: clients, rounds, versions, tasks and blobs.</summary>
public interface IFederationStore : IClientStore, IRoundStore, ITaskStore, IForgetStore, IShardStore, IAsyncDisposable
{
    /// <summary>
    /// Applies retention: drops the client deltas of rounds older than the newest
    /// <see cref="StoreOptions.RetainedDeltaRounds"/> (with their delta packs), then deletes every blob
    /// no longer referenced by a global version or a kept delta, and every pack no kept round records
    /// (orphans of interrupted writes included).
    /// </summary>
    Task<PruneReport> PruneAsync(CancellationToken cancellationToken = default);
}
