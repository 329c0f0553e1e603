using FedUnlearn.Client;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>The <see cref="SubmissionOrder"/> of a federation: one group, or one per shard in a sharded federation.</summary>
internal static class PhaseOrder
{
    /// <summary>The fixed client id of simulated client <paramref name="index"/> (the server orders clients by id).</summary>
    public static string ClientId(int index) => $"client-{index:D3}";

    /// <summary>The order of a federation of the <paramref name="active"/> clients (without any that went offline).</summary>
    public static SubmissionOrder Create(SimulationContext context, PhaseSettings settings, IReadOnlyList<int> active)
    {
        if (settings.Shards == 1)
        {
            var trainers = ServerOptionsFactory.ClientsPerRound(context.Scenario, active.Count);
            return new SubmissionOrder(kind => kind == ClientTaskKind.Train ? trainers : settings.Unlearners ?? active.Count);
        }

        // A sharded federation's training round (every active client; simulate refuses client sampling with
        // sharded-exact) and a shard's retraining round both ask every active client of a shard, and the
        // server folds each shard on its own.
        int ShardOf(int index) => ClientShards.ShardOf(ClientId(index), settings.Shards, settings.Seed);
        var perShard = active.GroupBy(ShardOf).ToDictionary(g => g.Key, g => g.Count());
        return new SubmissionOrder((kind, shard) => kind == ClientTaskKind.Train ? perShard[shard] : active.Count, ShardOf);
    }
}
