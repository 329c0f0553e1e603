using FedUnlearn.Client.Events;
using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;

namespace FedUnlearn.Client.Tests.Integration;

/// <summary>Real aggregator, real clients, fake learners: the whole federation loop over gRPC on loopback.</summary>
public sealed class RealServerTests
{
    [Fact]
    public async Task ThreeClients_ThreeFedAvgRounds_GlobalIsTheSampleWeightedAverage()
    {
        await using var fed = new RealFederation();
        await fed.StartServerAsync(rounds: 3);
        var tokenA = await fed.AddClientAsync("a");
        await fed.StartClientAsync("a", tokenA, delta: 0.25f, samples: 10);
        await fed.StartClientAsync("b", await fed.AddClientAsync("b"), delta: 0.5f, samples: 10);
        await fed.StartClientAsync("c", await fed.AddClientAsync("c"), delta: 1.0f, samples: 20);

        await fed.Server.Completion.WaitAsync(ClientHarness.Patience);

        for (var round = 1; round <= 3; round++)
        {
            var summary = await fed.Server.WaitForRoundAsync(round).WaitAsync(ClientHarness.Patience);
            Assert.Equal(RoundOutcome.Committed, summary.Outcome);
            Assert.Equal(["a", "b", "c"], summary.Contributors.Order());
        }

        // Each round adds (0.25·10 + 0.5·10 + 1.0·20) / 40 = 0.6875 to every value.
        var (_, global) = await fed.FetchGlobalAsync(tokenA);
        AssertShifted(RealFederation.InitialAdapter(), global, 3 * 0.6875f);
    }

    [Fact]
    public async Task ClientKilledMidUpload_DoesNotBlockTheRound()
    {
        await using var fed = new RealFederation();
        await fed.StartServerAsync(rounds: 1, minUpdates: 2);
        var deadlineArmed = fed.DeadlineArmed();
        var tokenA = await fed.AddClientAsync("a");
        var submitted = new List<Task>();
        foreach (var (id, token, delta) in new[] { ("a", tokenA, 0.25f), ("b", await fed.AddClientAsync("b"), 0.5f) })
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var client = await fed.StartClientAsync(id, token, delta, samples: 10);
            client.TaskSubmitted += (_, e) => { if (e.Outcome == TaskSubmissionOutcome.Accepted) done.TrySetResult(); };
            submitted.Add(done.Task);
        }

        await UploadHalfAndDieAsync(fed, "c", await fed.AddClientAsync("c"));
        await Task.WhenAll(submitted).WaitAsync(ClientHarness.Patience);
        await fed.PassDeadlineAsync(deadlineArmed);

        var summary = await fed.Server.WaitForRoundAsync(1).WaitAsync(ClientHarness.Patience);
        Assert.Equal(RoundOutcome.Committed, summary.Outcome);
        Assert.Equal(["a", "b"], summary.Contributors.Order());
        var (_, global) = await fed.FetchGlobalAsync(tokenA);
        AssertShifted(RealFederation.InitialAdapter(), global, 0.375f);
    }

    [Fact]
    public async Task UnknownToken_IsRefused()
    {
        await using var fed = new RealFederation();
        await fed.StartServerAsync(rounds: 1);
        await fed.AddClientAsync("a");

        var client = await fed.StartClientAsync("a", "a-token-nobody-issued", delta: 1, samples: 1);
        var error = await Assert.ThrowsAsync<FederationClientException>(() => fed.RunOf(client).WaitAsync(ClientHarness.Patience));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ServerRestart_ClientsReconnectAndTheNextRoundCompletes()
    {
        await using var fed = new RealFederation();
        await fed.StartServerAsync(rounds: 1);
        var tokens = new Dictionary<string, string>();
        var disconnects = new List<Task>();
        foreach (var (id, delta, samples) in new[] { ("a", 0.25f, 10), ("b", 0.5f, 10), ("c", 1.0f, 20) })
        {
            tokens[id] = await fed.AddClientAsync(id);
            var client = await fed.StartClientAsync(id, tokens[id], delta, samples);
            var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Disconnected += (_, _) => down.TrySetResult();
            disconnects.Add(down.Task);
        }

        await fed.Server.Completion.WaitAsync(ClientHarness.Patience);
        var port = fed.Port;
        await fed.Server.StopAsync();
        await Task.WhenAll(disconnects).WaitAsync(ClientHarness.Patience);
        await fed.StartServerAsync(rounds: 2, port: port);

        await fed.Server.Completion.WaitAsync(ClientHarness.Patience);
        var second = await fed.Server.WaitForRoundAsync(2).WaitAsync(ClientHarness.Patience);
        Assert.Equal(RoundOutcome.Committed, second.Outcome);
        Assert.Equal(["a", "b", "c"], second.Contributors.Order());
        var (_, global) = await fed.FetchGlobalAsync(tokens["a"]);
        AssertShifted(RealFederation.InitialAdapter(), global, 2 * 0.6875f);
    }

    /// <summary>A client that joins, takes its task, uploads the header and one chunk, and vanishes (a killed process).</summary>
    private static async Task UploadHalfAndDieAsync(RealFederation fed, string clientId, string token)
    {
        var channel = GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{fed.Port}"));
        var rpc = new FederationRpcClient(channel, token);
        await rpc.JoinAsync(new JoinRequest { ClientId = clientId, Capabilities = new ClientCapabilities { SampleCount = 10 } });
        var stream = rpc.Subscribe(new SubscribeRequest { ClientId = clientId });
        await using var tasks = stream.ResponseStream.GetAsyncEnumerator();
        while (await tasks.MoveNextAsync() && tasks.Current.KindCase != ClientTask.KindOneofCase.Train) { }
        var update = RealFederation.InitialAdapter();
        var payload = AdapterChunker.Split(update, 16);
        Assert.True(payload.Chunks.Count > 2);
        var call = rpc.SubmitUpdate();
        var header = new SubmitUpdateHeader { TaskId = tasks.Current.TaskId, BaseVersion = tasks.Current.AdapterVersion, SampleCount = 10, Payload = payload.Header };
        await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Header = header });
        await call.RequestStream.WriteAsync(new SubmitUpdateRequest { Chunk = payload.Chunks[0] });
        call.Dispose();
        stream.Dispose();
        channel.Dispose();
    }

    private static void AssertShifted(ParameterSet initial, ParameterSet actual, float shift)
    {
        Assert.Null(initial.DescribeLayoutMismatch(actual));
        foreach (var tensor in initial)
        {
            var got = actual[tensor.Name].Data;
            for (var i = 0; i < got.Length; i++) Assert.Equal(tensor.Data[i] + shift, got[i], 1e-5f);
        }
    }
}
