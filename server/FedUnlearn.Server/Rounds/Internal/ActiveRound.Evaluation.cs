using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Rounds.Internal;

internal sealed partial class ActiveRound
{
    private readonly List<ClientEvaluation> _evaluations = [];

    /// <summary>What the round's tasks ask; evaluation rounds take reports instead of deltas.</summary>
    public TaskKind Kind { get; init; } = TaskKind.Train;

    /// <summary>Reports accepted so far (evaluation rounds), in arrival order.</summary>
    public IReadOnlyList<ClientEvaluation> Evaluations
    {
        get { lock (_gate) return [.. _evaluations]; }
    }

    private int EvaluationCount
    {
        get { lock (_gate) return _evaluations.Count; }
    }

    /// <summary>Keeps an evaluation report (aggregates only) as a task's result; the returned verdict is final.</summary>
    public async Task<Verdict> OfferReportAsync(string taskId, EvaluationReport report, CancellationToken cancellationToken)
    {
        RoundTask task;
        lock (_gate)
        {
            if (Claim(taskId, out task) is { } verdict) return verdict;
            _evaluations.Add(new ClientEvaluation(task.ClientId, report));
        }

        long samples = (long)Math.Min(report.ForgetSamples + report.RetainSamples + report.TestSamples, long.MaxValue);
        Task write = Resolve(task, TaskOutcome.Accepted, null, _store.SubmitTaskAsync(taskId, null, samples, CancellationToken.None));
        LeaveFlight();
        await write.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Verdict.Accepted;
    }
}
