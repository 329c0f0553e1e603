using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Hosting;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Bench.Aggregate;

/// <summary>
/// What a round costs beyond the clients' own work: a real <see cref="FederationServer"/> on
/// loopback (store on disk, fsyncs included) and light clients with zero compute (tiny adapter,
/// no training) that fetch the task's adapter and upload a delta as soon as a task arrives. With
/// zero compute, the slowest client's compute is 0 and the whole round time is overhead: dispatch,
/// 2 × clients transfers, validation, aggregation, per-client delta storage, commit, next round.
/// </summary>
public static class RoundOverheadBenchmark
{
    /// <summary>
    /// Per-round figures over <paramref name="rounds"/> rounds after <paramref name="warmup"/>: a round is the time
    /// from one commit to the next (tasks out, transfers, aggregation, commit, starting the next round).
    /// </summary>
    /// <param name="clients">Light clients (separate HTTP/2 connections).</param>
    /// <param name="rounds">Rounds measured.</param>
    /// <param name="warmup">Rounds run first and not measured.</param>
    /// <param name="freshDeltas">
    /// True: each client sends a different delta every round, as a training client would, so the content-addressed
    /// store writes (and fsyncs) every one. False: each client sends the same delta every round, so after the first
    /// round the store finds every blob already written and skips it.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<RoundOverhead> MeasureAsync(int clients, int rounds, int warmup, bool freshDeltas, CancellationToken cancellationToken = default)
    {
        string directory = Path.Combine(Path.GetTempPath(), "fedunlearn-bench-round-" + Guid.NewGuid().ToString("N"));
        const string adminToken = "bench-admin-token-0123456789";
        var options = new FederationServerOptions
        {
            DataDirectory = directory,
            AdminToken = adminToken,
            MinClients = clients,
            MinUpdates = clients,
            Rounds = warmup + rounds,
            RoundDeadline = TimeSpan.FromMinutes(5),
            InitialAdapter = Adapter(0),
        };
        var server = new FederationServer(options);
        var channels = new List<GrpcChannel>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await server.StartAsync(cancellationToken);
            using var adminChannel = GrpcChannel.ForAddress(server.Address);
            var admin = new AdminRpcClient(adminChannel, adminToken);
            var loops = new List<Task>();
            var timeline = new RoundTimeline();
            for (int i = 0; i < clients; i++)
            {
                AddClientResponse added = await admin.AddClientAsync(new AddClientRequest { ClientId = $"bench-{i}" }, new CallOptions { CancellationToken = cancellationToken });
                var channel = GrpcChannel.ForAddress(server.Address);
                channels.Add(channel);
                loops.Add(RunClientAsync(new FederationRpcClient(channel, added.Token), added.ClientId, i + 1, freshDeltas, timeline, stop.Token));
            }

            await server.WaitForRoundAsync(warmup + rounds, cancellationToken);
            var summaries = new List<RoundSummary>();
            for (int round = warmup; round <= warmup + rounds; round++) summaries.Add(await server.WaitForRoundAsync(round, cancellationToken));
            await stop.CancelAsync();
            await Task.WhenAll(loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
            return RoundOverhead.From(summaries, timeline);
        }
        finally
        {
            foreach (GrpcChannel channel in channels) channel.Dispose();
            await server.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunClientAsync(FederationRpcClient rpc, string clientId, int index, bool freshDeltas, RoundTimeline timeline,
        CancellationToken cancellationToken)
    {
        var call = new CallOptions { CancellationToken = cancellationToken };
        await rpc.JoinAsync(new JoinRequest { ClientId = clientId, Capabilities = new ClientCapabilities { SampleCount = (ulong)index } }, call);
        using var subscription = rpc.Subscribe(new SubscribeRequest { ClientId = clientId }, call);
        await foreach (ClientTask task in subscription.ResponseStream.WithCancellation(cancellationToken))
        {
            if (task.KindCase != ClientTask.KindOneofCase.Train) continue;
            timeline.Mark((long)task.Round, RoundTimeline.Phase.Task);
            FetchedAdapter global = await rpc.FetchAdapterAsync(task.AdapterVersion, options: call);
            timeline.Mark((long)task.Round, RoundTimeline.Phase.Fetched);
            var header = new SubmitUpdateHeader { TaskId = task.TaskId, BaseVersion = global.Version, SampleCount = (ulong)index };
            float value = index * 1e-3f + (freshDeltas ? task.Round * 1e-6f : 0);
            await rpc.SubmitUpdateAsync(header, Adapter(value), options: call);
            timeline.Mark((long)task.Round, RoundTimeline.Phase.Acknowledged);
        }
    }

    /// <summary>A tiny LoRA adapter (rank 4 on a 32 × 32 layer: 1 KiB), every value <paramref name="value"/>.</summary>
    private static ParameterSet Adapter(float value) => new([
        new ParameterTensor("fc.lora_A", [4, 32], Enumerable.Repeat(value, 128).ToArray()),
        new ParameterTensor("fc.lora_B", [32, 4], Enumerable.Repeat(value, 128).ToArray()),
    ]);
}
