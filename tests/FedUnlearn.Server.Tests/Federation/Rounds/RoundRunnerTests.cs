using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Tests.Federation.Support;

namespace FedUnlearn.Server.Tests.Federation.Rounds;

/// <summary>Whole rounds over real gRPC on loopback, with fake clients submitting hand-made deltas.</summary>
public sealed class RoundRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Round_ThreeClients_CommitsExactSampleWeightedFedAvgOfDeltas()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        Assert.All(tasks, t => Assert.Equal((1UL, 0UL, ClientTask.KindOneofCase.Train), (t.Round, t.AdapterVersion, t.KindCase)));

        ParameterSet delta0 = TestAdapters.Make([1, 2, 3, 4, 5, 6], [0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f]);
        ParameterSet delta1 = TestAdapters.Make([-1, -1, -1, -1, -1, -1], [0.25f, 0, 0, 0, 0, 1]);
        ParameterSet delta2 = TestAdapters.Delta(2);
        SubmitUpdateResponse[] responses = await Task.WhenAll(
            clients[0].SubmitAsync(tasks[0], delta0, samples: 1),
            clients[1].SubmitAsync(tasks[1], delta1, samples: 1),
            clients[2].SubmitAsync(tasks[2], delta2, samples: 2));
        Assert.All(responses, r => Assert.Equal(UpdateDisposition.Accepted, r.Disposition));

        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);
        Assert.Equal((RoundOutcome.Committed, 1L), (summary.Outcome, summary.CommittedVersion));
        Assert.Equal(["a", "b", "c"], summary.Contributors.Order());
        Assert.Empty(summary.Rejected);

        // global + (1·Δ0 + 1·Δ1 + 2·Δ2) / 4, exact in float32 for these values.
        FetchedAdapter fetched = await clients[0].Rpc.FetchAdapterAsync(0);
        Assert.Equal(1UL, fetched.Version);
        Assert.Equal([2, 3.25f, 4.5f, 5.75f, 7, 8.25f], fetched.Parameters["fc.lora_A"].Data);
        Assert.Equal([1.1875f, 1.125f, 1.125f, 1.125f, 1.125f, 1.375f], fetched.Parameters["fc.lora_B"].Data);
        Assert.Equal(fetched.Parameters.ContentHash(), fetched.ContentHash);

        ClientTask next = await clients[0].NextTaskAsync();
        Assert.Equal((2UL, 1UL), (next.Round, next.AdapterVersion));
    }

    [Fact]
    public async Task Round_NaNAndWrongShapedUpdates_RejectedWithInvalidArgumentAndReported_RoundCommits()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MinUpdates = 1);
        FakeClient[] clients = await ConnectAsync(harness, "good", "nan", "shape");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));

        ParameterSet withNaN = TestAdapters.Delta(1);
        withNaN["fc.lora_B"].Data[4] = float.NaN;
        var wrongShape = new ParameterSet([
            new ParameterTensor("fc.lora_A", [3, 2], new float[6]),
            new ParameterTensor("fc.lora_B", [3, 2], new float[6]),
        ]);
        Assert.Equal(UpdateDisposition.Accepted, (await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(4))).Disposition);
        RpcException nan = await Assert.ThrowsAsync<RpcException>(() => clients[1].SubmitAsync(tasks[1], withNaN));
        RpcException shape = await Assert.ThrowsAsync<RpcException>(() => clients[2].SubmitAsync(tasks[2], wrongShape));

        Assert.Equal(StatusCode.InvalidArgument, nan.StatusCode);
        Assert.Contains("'fc.lora_B' has 1 non-finite value (first at index 4)", nan.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, shape.StatusCode);
        Assert.Contains("'fc.lora_A' has shape [3, 2], expected [2, 3]", shape.Status.Detail);

        // Everyone answered: the round closes without waiting for its deadline.
        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);
        Assert.Equal(RoundOutcome.Committed, summary.Outcome);
        Assert.Equal(["good"], summary.Contributors);
        Assert.Equal(["nan", "shape"], summary.Rejected.Select(r => r.ClientId).Order());
        Assert.Contains("non-finite", summary.Rejected.Single(r => r.ClientId == "nan").Reason);
        FetchedAdapter fetched = await clients[0].Rpc.FetchAdapterAsync(1);
        Assert.Equal([5, 6, 7, 8, 9, 10], fetched.Parameters["fc.lora_A"].Data);
    }

    [Fact]
    public async Task SubmitUpdate_SameTaskSentAgain_IsDuplicateAndCountedOnce()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MinClients = 2);
        FakeClient[] clients = await ConnectAsync(harness, "a", "b");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));

        SubmitUpdateResponse first = await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1));
        SubmitUpdateResponse again = await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(100));
        Assert.Equal((UpdateDisposition.Accepted, UpdateDisposition.Duplicate), (first.Disposition, again.Disposition));
        Assert.True(first.ReceivedBytes > 0);

        await clients[1].SubmitAsync(tasks[1], TestAdapters.Delta(3));
        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);
        Assert.Equal(2, summary.Contributors.Count);
        FetchedAdapter fetched = await clients[0].Rpc.FetchAdapterAsync(1);
        Assert.Equal([3, 4, 5, 6, 7, 8], fetched.Parameters["fc.lora_A"].Data); // global + (1 + 3) / 2

        // After the round closed the answer is still the first one, from the store.
        SubmitUpdateResponse late = await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1));
        Assert.Equal(UpdateDisposition.Duplicate, late.Disposition);
    }

    [Fact]
    public async Task SubmitUpdate_RejectedTaskSentAgain_GetsTheSameRejection()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MinClients = 2);
        FakeClient[] clients = await ConnectAsync(harness, "a", "b");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        ParameterSet bad = TestAdapters.Delta(float.PositiveInfinity);

        RpcException first = await Assert.ThrowsAsync<RpcException>(() => clients[0].SubmitAsync(tasks[0], bad));
        RpcException again = await Assert.ThrowsAsync<RpcException>(() => clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1)));

        Assert.Equal(StatusCode.InvalidArgument, again.StatusCode);
        Assert.Equal(first.Status.Detail, again.Status.Detail);
    }

    [Fact]
    public async Task Round_ClientBreaksItsUploadMidway_RoundClosesAtDeadlineWithTheOthers()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "broken");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1));
        await clients[1].SubmitAsync(tasks[1], TestAdapters.Delta(3));

        // Header and one 16-byte chunk of many, then the call is cancelled (RST_STREAM).
        var chunked = Contracts.Adapters.AdapterChunker.Split(TestAdapters.Delta(5), chunkSize: 16);
        using (var call = clients[2].Rpc.SubmitUpdate())
        {
            SubmitUpdateHeader header = FakeClient.Header(tasks[2], 10);
            header.Payload = chunked.Header;
            await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Header = header });
            await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Chunk = chunked.Chunks[0] });
        }

        Assert.Equal(RunnerState.RoundRunning, harness.Server.State);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);
        Assert.Equal(RoundOutcome.Committed, summary.Outcome);
        Assert.Equal(["a", "b"], summary.Contributors.Order());
        Assert.Empty(summary.Rejected);
        Assert.Empty(summary.Failures);

        // The broken client's task is now late: its re-send is not aggregated.
        SubmitUpdateResponse late = await clients[2].SubmitAsync(tasks[2], TestAdapters.Delta(5));
        Assert.Equal(UpdateDisposition.Late, late.Disposition);
    }

    [Fact]
    public async Task Round_ClientReportsAFailedTask_FailureIsDataAndRoundCommits()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.MinClients, o.MinUpdates) = (2, 1));
        FakeClient[] clients = await ConnectAsync(harness, "a", "oom");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        SubmitUpdateHeader failure = FakeClient.Header(tasks[1], 0);
        failure.Error = new ErrorDetail { Code = "out_of_memory", Message = "CUDA out of memory" };

        SubmitUpdateResponse reported = await clients[1].Rpc.SubmitUpdateAsync(failure, update: null);
        await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1));

        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);
        Assert.Equal(UpdateDisposition.Accepted, reported.Disposition);
        Assert.Equal(RoundOutcome.Committed, summary.Outcome);
        Assert.Equal("oom", Assert.Single(summary.Failures).ClientId);
        Assert.Equal("out_of_memory: CUDA out of memory", summary.Failures[0].Reason);
    }

    [Fact]
    public async Task Round_TooFewUpdatesByTheDeadline_IsAbandonedAndANewRoundStartsFromTheSameVersion()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.MinClients = 2);
        FakeClient[] clients = await ConnectAsync(harness, "a", "silent");
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        await clients[0].SubmitAsync(tasks[0], TestAdapters.Delta(1));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        RoundSummary summary = await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        Assert.Equal(RoundOutcome.Abandoned, summary.Outcome);
        Assert.Contains("1 accepted update(s) before the deadline; 2 needed", summary.Note);
        ClientTask retry = await clients[1].NextTaskAsync();
        Assert.Equal((2UL, 0UL), (retry.Round, retry.AdapterVersion));
    }

    private static async Task<FakeClient[]> ConnectAsync(ServerHarness harness, params string[] ids)
    {
        var clients = new FakeClient[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            clients[i] = await harness.AddClientAsync(ids[i]);
            await clients[i].JoinAsync();
            await clients[i].SubscribeAsync();
        }

        return clients;
    }
}
