using FedUnlearn.Rpc;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Forget.Internal;

/// <summary>
/// What a sharded federation can forget. It serves the combination of its shard adapters and recomputes
/// it from the shards every round, so only retraining shards forgets anything: every request runs
/// <c>sharded-exact</c>. A leaving client's shard, or a requesting client's shard, is retrained without
/// it. A class cannot be forgotten this way yet: training tasks have no way to tell clients to leave a
/// class out.
/// </summary>
internal static class ShardedRequests
{
    /// <summary>The request as a sharded federation runs it, or an RpcException saying why it cannot.</summary>
    public static ForgetRequestRecord Adapt(ForgetRequestRecord request, string namedMethod)
    {
        if (request.Scope == ForgetScopeKind.Class)
            throw Refused("a sharded federation cannot forget a class yet (retraining tasks cannot leave a class out); use an unsharded federation");
        if (request.Scope == ForgetScopeKind.Samples && namedMethod.Length > 0 && namedMethod != ForgetMethods.ShardedExact)
            throw Refused($"a sharded federation forgets by retraining the affected shard ('{ForgetMethods.ShardedExact}'); '{namedMethod}' would only edit the served combination, which the next round recomputes from the shards");
        return request with { Method = ForgetMethods.ShardedExact };
    }

    private static RpcException Refused(string detail) => new(StatusCode.FailedPrecondition, $"Forget request refused: {detail}.");
}
