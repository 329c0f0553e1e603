using System.Collections.Concurrent;
using FedUnlearn.Client;
using FedUnlearn.Client.Events;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.IntegrationTests.Federation.Support;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Rounds;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Federation;

/// <summary>
/// Broken uploads in the middle of a real training round (real nodes, real learners, real gRPC): refused or
/// dropped without counting, reported, and the federation trains on.
/// </summary>
[Collection(FederationCollection.Name)]
public sealed class BadUploadTests(WeakBaseFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task NaNAndWrongShapedUploadsWithRealTokens_RefusedWithInvalidArgument_RoundCommitsWithTheHonestNode()
    {
        var data = fixture.Data;
        // c1 and c2 are held before training round 1, so the bad uploads below are the first answers to their tasks.
        await using var federation = await FederationHarness.StartAsync(data, clients: 3, o => (o.MinUpdates, o.Rounds) = (1, 2),
            new TestOutputLogs(output), prepare: node => node.Hold = node.ClientId == "c0" ? null : new TaskHold(t => t.Kind == ClientTaskKind.Train));
        var (c1, c2) = (federation.Nodes[1], federation.Nodes[2]);
        var outcomes = new ConcurrentDictionary<string, TaskSubmittedEventArgs>();
        foreach (var node in federation.Nodes) node.Client!.TaskSubmitted += (_, e) => outcomes[e.TaskId] = e;
        await Task.WhenAll(c1.Hold!.Reached, c2.Hold!.Reached).WaitAsync(FederationHarness.Patience);

        var withNaN = Layout(data).ZerosLike();
        var (firstName, lastName) = (withNaN[0].Name, withNaN[withNaN.Count - 1].Name);
        withNaN[lastName].Data[3] = float.NaN;
        var wrongShape = new ParameterSet([.. Layout(data).ZerosLike().Select(t => t.Name == firstName
            ? new ParameterTensor(t.Name, [t.Data.Length], t.Data) : t)]);
        var nan = await Assert.ThrowsAsync<RpcException>(() => RawUploads.SubmitAsync(federation.Running.Address, c1.Token, "r1-c1", withNaN));
        var shape = await Assert.ThrowsAsync<RpcException>(() => RawUploads.SubmitAsync(federation.Running.Address, c2.Token, "r1-c2", wrongShape));
        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (nan.StatusCode, shape.StatusCode));
        Assert.Contains($"'{lastName}' has 1 non-finite value (first at index 3)", nan.Status.Detail);
        Assert.Contains($"'{firstName}' has shape [{Layout(data)[0].Data.Length}]", shape.Status.Detail);

        // The nodes' own results for those tasks now get the same refusal: a refused task never counts later.
        c1.Hold.Release();
        c2.Hold.Release();
        var first = await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        Assert.Equal(RoundOutcome.Committed, first.Outcome);
        Assert.Equal(["c0"], first.Contributors);
        Assert.Equal(["c1", "c2"], first.Rejected.Select(r => r.ClientId).Order());
        Assert.Contains("non-finite", first.Rejected.Single(r => r.ClientId == "c1").Reason);
        Assert.Contains("shape", first.Rejected.Single(r => r.ClientId == "c2").Reason);
        await FederationHarness.WaitUntilAsync(() => Task.FromResult(outcomes.ContainsKey("r1-c1") && outcomes.ContainsKey("r1-c2")), "the held nodes' results");
        Assert.Equal((TaskSubmissionOutcome.Rejected, TaskSubmissionOutcome.Rejected), (outcomes["r1-c1"].Outcome, outcomes["r1-c2"].Outcome));

        // Nothing of the refused uploads reached the global model, and the next round takes everyone again.
        var second = await federation.Running.WaitForRoundAsync(2).WaitAsync(FederationHarness.Patience);
        Assert.Equal(["c0", "c1", "c2"], second.Contributors.Order());
        Assert.Empty(second.Rejected);
        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();
        await using var store = await federation.OpenStoreAsync();
        var global = await store.LoadGlobalAsync(first.CommittedVersion!.Value);
        Assert.All(global, t => Assert.All(t.Data, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public async Task UploadCutHalfway_DoesNotCount_TheNodesCompleteResultForTheSameTaskIsAccepted()
    {
        var data = fixture.Data;
        await using var federation = await FederationHarness.StartAsync(data, clients: 3, o => o.Rounds = 1,
            new TestOutputLogs(output), prepare: node => node.Hold = node.ClientId == "c2" ? new TaskHold(t => t.Kind == ClientTaskKind.Train) : null);
        var c2 = federation.Nodes[2];
        var outcomes = new ConcurrentDictionary<string, TaskSubmittedEventArgs>();
        c2.Client!.TaskSubmitted += (_, e) => outcomes[e.TaskId] = e;
        await c2.Hold!.Reached.WaitAsync(FederationHarness.Patience);

        // A first process of c2 dies halfway through uploading a huge, wrong delta for its task.
        var poison = Layout(data).ZerosLike();
        foreach (var t in poison) Array.Fill(t.Data, 1e3f);
        await RawUploads.UploadHalfAndDieAsync(federation.Running.Address, c2.Token, "r1-c2", poison);
        c2.Hold.Release();

        var round = await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        Assert.Equal(RoundOutcome.Committed, round.Outcome);
        Assert.Equal(["c0", "c1", "c2"], round.Contributors.Order());
        Assert.Empty(round.Rejected);
        await FederationHarness.WaitUntilAsync(() => Task.FromResult(outcomes.ContainsKey("r1-c2")), "c2's result");
        Assert.Equal(TaskSubmissionOutcome.Accepted, outcomes["r1-c2"].Outcome);
        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();

        // Every value moved by a training step's worth, not by the 1e3 of the cut upload.
        await using var store = await federation.OpenStoreAsync();
        var (before, after) = (await store.LoadGlobalAsync(0), await store.LoadGlobalAsync(1));
        var largest = before.Zip(after).SelectMany(p => p.First.Data.Zip(p.Second.Data, (b, a) => MathF.Abs(a - b))).Max();
        Assert.InRange(largest, 1e-6f, 1f);
    }

    private static ParameterSet Layout(SyntheticFederation data) => data.BaseModel.InitialAdapter(data.LoRA, FederationHarness.LoraInitSeed);
}
