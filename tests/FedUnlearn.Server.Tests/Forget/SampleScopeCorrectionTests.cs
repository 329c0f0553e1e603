using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Forget;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;
using Kind = FedUnlearn.Contracts.V1.ClientTask.KindOneofCase;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>
/// A sample-scope campaign of a correcting method runs on the requester alone, so its correction is
/// committed at full weight instead of being averaged with the other clients' (unchanged) adapters.
/// </summary>
public sealed class SampleScopeCorrectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("rfa")]
    [InlineData("nabla-tau")]
    [InlineData("gradient-ascent")]
    [InlineData("amnesiac")]
    public async Task SampleRequest_CorrectingMethod_CommittedAdapterIsTheRequestersCorrectedAdapter(string method)
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => o.Forget.Verification.MaxTestAccuracyDrop = null);
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Samples(5), Method = method });
        await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(round1[i], TestAdapters.Delta(1), samples: i == 1 ? 10UL : 45UL)));
        await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        ClientTask unlearn = (await NextAsync([clients[1]], Kind.Unlearn))[0];
        Assert.Equal((UnlearnRole.Forget, method, 1UL), (unlearn.Unlearn.Role, unlearn.Unlearn.Method, unlearn.AdapterVersion));
        ParameterSet correction = TestAdapters.Make(a: [-2, 0.5f, 0, 3, -1.25f, 4], b: [0.75f, -3, 1, 0, 2, -0.5f]);
        await clients[1].SubmitAsync(unlearn, correction, samples: 10);

        // The others' next task is the verification: they were given no unlearning task to dilute the correction with.
        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        Assert.All(verify, t => Assert.Equal(2UL, t.AdapterVersion));
        ParameterSet before = (await clients[0].Rpc.FetchAdapterAsync(1)).Parameters, after = (await clients[0].Rpc.FetchAdapterAsync(2)).Parameters;
        foreach (string name in new[] { "fc.lora_A", "fc.lora_B" })
            Assert.Equal(Values(before, name).Zip(Values(correction, name), (g, d) => g + d), Values(after, name));
    }

    [Fact]
    public async Task SampleRequest_Finetune_EveryClientTrainsAndFedAvgWeighsThemBySamples()
    {
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Forget.Verification.MaxTestAccuracyDrop, o.Forget.Methods[ForgetMethods.Finetune].Rounds) = (null, 1));
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Samples(5), Method = "finetune" });
        await SubmitAllAsync(clients, round1);
        await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        ClientTask[] unlearn = await NextAsync(clients, Kind.Unlearn);
        Assert.Equal([UnlearnRole.Retain, UnlearnRole.Forget, UnlearnRole.Retain], unlearn.Select(t => t.Unlearn.Role));
        await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(unlearn[i], TestAdapters.Delta(i == 1 ? 4 : 0), samples: i == 1 ? 10UL : 15UL)));

        await NextAsync(clients, Kind.Evaluate);
        float[] before = Values((await clients[0].Rpc.FetchAdapterAsync(1)).Parameters, "fc.lora_A");
        float[] after = Values((await clients[0].Rpc.FetchAdapterAsync(2)).Parameters, "fc.lora_A");
        Assert.All(before.Zip(after), p => Assert.Equal(p.First + 1f, p.Second)); // 4·10 / (10 + 15 + 15)
    }

    [Fact]
    public async Task SampleRequest_RepairRounds_EveryClientTrainsFirstThenTheRequestersCorrectionIsCommittedLast()
    {
        var repairSettings = new HyperParameters { LocalEpochs = 3, BatchSize = 16, LearningRate = 0.25, Optimizer = "adamw" };
        await using ServerHarness harness = await ServerHarness.StartAsync(o =>
        {
            o.Forget.Verification.MaxTestAccuracyDrop = null;
            (o.Forget.Methods[ForgetMethods.Rfa].RepairRounds, o.Forget.Methods[ForgetMethods.Rfa].RepairHyperParameters) = (1, repairSettings);
        });
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        RequestForgetResponse ack = await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Samples(5), Method = "rfa" });
        await SubmitAllAsync(clients, round1);
        await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        ClientTask[] repair = await NextAsync(clients, Kind.Train);
        Assert.All(repair, t => Assert.Equal((1UL, 3U, 16U, 0.25), (t.AdapterVersion, t.HyperParameters.LocalEpochs, t.HyperParameters.BatchSize, t.HyperParameters.LearningRate)));
        Assert.Equal((1U, 32U), (round1[0].HyperParameters.LocalEpochs, round1[0].HyperParameters.BatchSize)); // the server's training settings
        await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(repair[i], TestAdapters.Delta(i), samples: 10)));
        ClientTask unlearn = (await NextAsync([clients[1]], Kind.Unlearn))[0];
        Assert.Equal((UnlearnRole.Forget, "rfa", 2UL), (unlearn.Unlearn.Role, unlearn.Unlearn.Method, unlearn.AdapterVersion));
        Assert.Equal((2U, 2U), (unlearn.Unlearn.CampaignRound, unlearn.Unlearn.CampaignRounds));
        await clients[1].SubmitAsync(unlearn, TestAdapters.Delta(3), samples: 10);

        // a and c get no unlearning task: their next is the verification of the corrected version.
        ClientTask[] verify = await NextAsync(clients, Kind.Evaluate);
        Assert.All(verify, t => Assert.Equal(3UL, t.AdapterVersion));
        float[] before = Values((await clients[0].Rpc.FetchAdapterAsync(1)).Parameters, "fc.lora_A");
        float[] after = Values((await clients[0].Rpc.FetchAdapterAsync(3)).Parameters, "fc.lora_A");
        Assert.All(before.Zip(after), p => Assert.Equal(p.First + 1f + 3f, p.Second)); // (0 + 1 + 2) / 3, then the correction at full weight
        ListRoundsResponse rounds = await harness.Admin.ListRoundsAsync(new ListRoundsRequest());
        Assert.Equal([RoundKind.Evaluate, RoundKind.Unlearn, RoundKind.Unlearn, RoundKind.Train], rounds.Rounds.Select(r => r.Kind)); // newest first
        Assert.All(rounds.Rounds.Take(3), r => Assert.Equal(ack.TicketId, r.TicketId));
    }

    [Fact]
    public async Task SampleRequest_AmnesiacWithRepairRounds_SubtractsFirstThenEveryClientFinetunes()
    {
        // Amnesiac's subtraction is exact only on the global it was recorded against, so its repair follows it.
        await using ServerHarness harness = await ServerHarness.StartAsync(o => (o.Forget.Verification.MaxTestAccuracyDrop, o.Forget.Methods[ForgetMethods.Amnesiac].RepairRounds) = (null, 1));
        FakeClient[] clients = await ConnectAsync(harness, "a", "b", "c");
        ClientTask[] round1 = await NextAsync(clients, Kind.Train);
        await clients[1].Rpc.RequestForgetAsync(new RequestForgetRequest { RequestId = "r", Scope = Samples(5), Method = "amnesiac" });
        await SubmitAllAsync(clients, round1);
        await harness.Server.WaitForRoundAsync(1).WaitAsync(Patience);

        ClientTask subtract = (await NextAsync([clients[1]], Kind.Unlearn))[0];
        Assert.Equal(("amnesiac", 1UL, 1U), (subtract.Unlearn.Method, subtract.AdapterVersion, subtract.Unlearn.CampaignRound));
        await clients[1].SubmitAsync(subtract, TestAdapters.Delta(-1), samples: 10);
        ClientTask[] repair = await NextAsync(clients, Kind.Unlearn);
        Assert.All(repair, t => Assert.Equal(("finetune", 2UL, 2U), (t.Unlearn.Method, t.AdapterVersion, t.Unlearn.CampaignRound)));
    }

    [Fact]
    public void RepairRounds_PlannedForSampleRequestsOnly_NotForAClass()
    {
        var options = new ForgetOptions();
        options.Methods[ForgetMethods.Rfa].RepairRounds = 2;
        var samples = FedUnlearn.Server.Forget.Internal.RequestValidation.ToRecord("a", new RequestForgetRequest { RequestId = "s", Scope = Samples(5), Method = "rfa" }, options, 10);
        var wholeClass = FedUnlearn.Server.Forget.Internal.RequestValidation.ToRecord(null, new RequestForgetRequest { RequestId = "c", Scope = Class(3), Method = "rfa" }, options, 10);

        Assert.Equal(3, samples.RoundsPlanned);    // two repair rounds, then one unlearning round
        Assert.Equal(1, wholeClass.RoundsPlanned); // training cannot leave a forgotten class out
    }

    [Theory]
    [InlineData("rfa", null, true)]
    [InlineData("nabla-tau", null, true)]
    [InlineData("label-flip", null, true)]
    [InlineData("layer-wise", null, true)]
    [InlineData("layer-wise", "nabla-tau", true)]
    [InlineData("layer-wise", "finetune", false)]
    [InlineData("finetune", null, false)]
    [InlineData("retrain", null, false)]
    [InlineData("sharded-exact", null, false)]
    public void Corrects_Method_TrueOnlyForCorrectionsFromForgetData(string method, string? inner, bool expected)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (inner is not null) options["inner"] = inner;

        Assert.Equal(expected, ForgetMethods.Corrects(method, options));
    }
}
