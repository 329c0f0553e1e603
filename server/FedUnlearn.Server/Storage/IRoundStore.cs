using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Storage;

/// <summary>
/// Rounds and global adapter versions. A round and the version it produces are committed in one
/// transaction, so after a crash <see cref="LatestCommittedRoundAsync"/> and
/// <see cref="LatestGlobalVersionAsync"/> always agree and never show a half-finished round.
/// </summary>
public interface IRoundStore
{
    /// <summary>Stores <paramref name="initial"/> as version 0 when the store has no version yet; otherwise changes nothing.</summary>
    /// <returns>The latest version.</returns>
    Task<GlobalVersionRecord> InitializeGlobalAsync(ParameterSet initial, CancellationToken cancellationToken = default);

    /// <summary>Starts the next round from the latest global version.</summary>
    /// <exception cref="InvalidOperationException">No global version yet, or a round is still running.</exception>
    Task<RoundRecord> BeginRoundAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts the next round, recording what it does and the forget request it serves (null for training).</summary>
    /// <exception cref="InvalidOperationException">No global version yet, or a round is still running.</exception>
    Task<RoundRecord> BeginRoundAsync(TaskKind kind, string? ticketId, CancellationToken cancellationToken = default);

    /// <summary>Closes a running round that produces no adapter (an evaluation) as committed, without a new version.</summary>
    Task<RoundRecord> CompleteRoundAsync(long round, int participants, CancellationToken cancellationToken = default);

    /// <summary>Committed rounds of <paramref name="kind"/> that produced a global version, over the whole history.</summary>
    Task<int> CountCommittedRoundsAsync(TaskKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically stores <paramref name="newGlobal"/> as the next version, marks the round committed,
    /// and expires its tasks still waiting for a result.
    /// </summary>
    /// <exception cref="InvalidOperationException">The round is not running, or another round committed since it began.</exception>
    Task<GlobalVersionRecord> CommitRoundAsync(long round, ParameterSet newGlobal, int participants, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="CommitRoundAsync(long, ParameterSet, int, CancellationToken)"/> that also records the
    /// round's task results (as <see cref="ITaskStore.SubmitTasksAsync"/> would) in the same transaction:
    /// the packed deltas are sealed and the new global's blob written side by side, then one commit
    /// makes the deltas, the version and the round durable together.
    /// </summary>
    /// <exception cref="InvalidOperationException">The round is not running, another round committed since it began, or a delta was packed for another round.</exception>
    Task<GlobalVersionRecord> CommitRoundAsync(long round, ParameterSet newGlobal, int participants, IReadOnlyList<TaskResult> results, CancellationToken cancellationToken = default);

    /// <summary>Closes a running round without a new version and expires its waiting tasks.</summary>
    Task<RoundRecord> AbandonRoundAsync(long round, string reason, CancellationToken cancellationToken = default);

    /// <summary>Abandons every round left running by a crash; call once at startup. Returns how many.</summary>
    Task<int> RecoverInterruptedRoundsAsync(CancellationToken cancellationToken = default);

    /// <summary>The round with that number, or null.</summary>
    Task<RoundRecord?> GetRoundAsync(long round, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> rounds numbered below <paramref name="before"/> (all when null), newest first.</summary>
    Task<IReadOnlyList<RoundRecord>> ListRoundsAsync(long? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The most recently committed round, or null.</summary>
    Task<RoundRecord?> LatestCommittedRoundAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest committed global version, or null before initialisation.</summary>
    Task<GlobalVersionRecord?> LatestGlobalVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The global version with that number, or null.</summary>
    Task<GlobalVersionRecord?> GetGlobalVersionAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>Loads a version's adapter, verified against its blob hash.</summary>
    /// <exception cref="KeyNotFoundException">No such version.</exception>
    /// <exception cref="BlobCorruptedException">Its blob was altered on disk.</exception>
    Task<ParameterSet> LoadGlobalAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>Committed rounds that produced a global version, oldest first.</summary>
    Task<IReadOnlyList<RoundRecord>> ListCommittedRoundsAsync(CancellationToken cancellationToken = default);
}
