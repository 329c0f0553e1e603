using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Federated;
using ProtoUnlearnRole = FedUnlearn.Contracts.V1.UnlearnRole;
using UnlearnRole = FedUnlearn.Learning.Federated.UnlearnRole;

namespace FedUnlearn.Client.Internal;

/// <summary>Maps the wire's task messages to the learner's settings (the proto stops here).</summary>
internal static class TaskSettings
{
    /// <summary>
    /// The training settings. The task's <c>clip_norm</c> bounds the sent update, so the client
    /// clips the delta (<see cref="UpdateDelta"/>) rather than passing it on as gradient clipping.
    /// </summary>
    public static LocalTrainSettings Train(ClientTask task)
    {
        var h = task.HyperParameters ?? new HyperParameters();
        var defaults = new LocalTrainSettings();
        return new LocalTrainSettings
        {
            Epochs = h.LocalEpochs > 0 ? checked((int)h.LocalEpochs) : defaults.Epochs,
            BatchSize = h.BatchSize > 0 ? checked((int)h.BatchSize) : defaults.BatchSize,
            LearningRate = h.LearningRate > 0 ? h.LearningRate : defaults.LearningRate,
            WeightDecay = h.WeightDecay,
            Seed = unchecked((long)h.Seed),
            // A sharded federation's task seed is already per shard and training step: the server round must not
            // enter the shuffle, or retraining a shard (in later rounds) would not replay its original training.
            Round = task.Train is { Shards.Count: > 0 } ? 0 : checked((long)task.Round),
            FrozenParameters = Frozen(task),
        };
    }

    /// <summary>
    /// The unlearning settings; for sample scope the forget set is this node's local request that the
    /// server acknowledged with the task's ticket (the ids never left the node).
    /// </summary>
    public static async Task<LocalUnlearnSettings> UnlearnAsync(ClientTask task, LocalForgetRequests requests, CancellationToken cancellationToken)
    {
        var u = task.Unlearn;
        var role = u.Role switch
        {
            ProtoUnlearnRole.Forget => UnlearnRole.Forget,
            ProtoUnlearnRole.Retain => UnlearnRole.Retain,
            _ => throw new TaskRejectedException("invalid_task", $"Unlearn task {task.TaskId} has no role."),
        };
        if (string.IsNullOrWhiteSpace(u.Method)) throw new TaskRejectedException("invalid_task", $"Unlearn task {task.TaskId} names no method.");

        IReadOnlyList<string> requestIds = [];
        if (role == UnlearnRole.Forget && u.Scope?.ScopeCase == ForgetScope.ScopeOneofCase.Samples)
        {
            var local = await requests.FindByTicketAsync(u.TicketId, cancellationToken).ConfigureAwait(false)
                ?? throw new TaskRejectedException("unknown_ticket",
                    $"This node holds no forget request acknowledged with ticket '{u.TicketId}', so it has no forget set.");
            requestIds = [local.RequestId];
        }

        return new LocalUnlearnSettings
        {
            Method = u.Method,
            Role = role,
            Options = new Dictionary<string, string>(u.MethodOptions),
            ForgetClass = u.Scope?.ScopeCase == ForgetScope.ScopeOneofCase.ClassLabel ? u.Scope.ClassLabel.Label : null,
            ForgetRequestIds = requestIds,
            Training = Train(task),
        };
    }

    /// <summary>The adapter tensors a train or unlearn task says to leave unchanged (exact LoRA: the A factors); empty for other tasks.</summary>
    public static IReadOnlyList<string> Frozen(ClientTask task) => task.KindCase switch
    {
        ClientTask.KindOneofCase.Train => [.. task.Train.FrozenParameters],
        ClientTask.KindOneofCase.Unlearn => [.. task.Unlearn.FrozenParameters],
        _ => [],
    };

    public static LocalEvaluateSettings Evaluate(ClientTask task) => new()
    {
        ForgetClass = task.Evaluate.Scope?.ScopeCase == ForgetScope.ScopeOneofCase.ClassLabel ? task.Evaluate.Scope.ClassLabel.Label : null,
        MembershipInference = task.Evaluate.MembershipInference,
        Seed = unchecked((long)(task.HyperParameters?.Seed ?? 0)),
        MaxSamples = (int)Math.Min(task.Evaluate.MaxSamples, int.MaxValue),
    };

    public static ClientTaskKind KindOf(ClientTask task) => task.KindCase switch
    {
        ClientTask.KindOneofCase.Train => ClientTaskKind.Train,
        ClientTask.KindOneofCase.Unlearn => ClientTaskKind.Unlearn,
        ClientTask.KindOneofCase.Evaluate => ClientTaskKind.Evaluate,
        _ => ClientTaskKind.Unknown,
    };
}
