using FedUnlearn.Server.Aggregation;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>The round's accepted deltas: appended to its pack as they arrive, made durable with the round.</summary>
internal sealed partial class ActiveRound
{
    private readonly DeltaPack _pack;
    private readonly List<TaskResult> _staged = [];

    /// <summary>The accepted deltas of a closed round, in arrival order.</summary>
    public IReadOnlyList<TaskResult> Staged
    {
        get { lock (_gate) return [.. _staged]; }
    }

    /// <summary>Records the staged deltas on their own (a round closed without a new version): one fsync of the pack, one transaction.</summary>
    public async Task SubmitStagedAsync()
    {
        IReadOnlyList<TaskResult> staged = Staged;
        if (staged.Count > 0) await _store.SubmitTasksAsync(staged, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Closes the round's pack once its deltas are recorded (or given up).</summary>
    public void ReleaseStaged()
    {
        foreach (TaskResult done in Staged) done.Blob?.Dispose();
        _pack.Dispose();
    }

    /// <summary>Appends an accepted delta to the round's pack now (concurrently, outside the database); its row comes in the close's batch.</summary>
    private async Task StageAsync(string taskId, ClientUpdate update)
    {
        StagedBlob blob = await _pack.AppendAsync(update.Parameters, CancellationToken.None).ConfigureAwait(false);
        lock (_gate) _staged.Add(new TaskResult(taskId, blob, update.SampleCount));
    }
}
