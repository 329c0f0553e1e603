using System.Globalization;
using FedUnlearn.Client;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Storage;
using FedUnlearn.Torch;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>
/// A client forgets samples with <c>amnesiac</c>: its journal recorded every training round, the server sends the
/// weight its update carried in each round, and the committed version is the global less the weighted recorded updates.
/// </summary>
[Collection(ForgettingCollection.Name)]
public sealed class AmnesiacForgettingTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task RequestForgetAsync_Amnesiac_SubtractsTheWeightedRecordedBatches_ForgetLossRises()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, logs: new TestOutputLogs(output));
        var owner = federation.Nodes[0];
        await federation.Running.WaitForRoundAsync(2).WaitAsync(FederationHarness.Patience);
        long[] forgotten = [.. Enumerable.Range(0, owner.Data.Count).Where(i => i % 23 == 4).Select(owner.Data.GetId)];

        var request = await owner.Client!.RequestForgetAsync(ForgetRequestDraft.ForSamples(forgotten, "erasure request #7") with { Method = "amnesiac" });
        var outcome = await ForgetPolling.WaitForOutcomeAsync(owner.Client, request.TicketId!);
        Assert.True(outcome.State == LocalForgetState.Completed, $"The request ended {outcome.State}: {outcome.FailureReason}");
        Assert.Equal(("amnesiac", 1, 1), (outcome.Method, outcome.RoundsCompleted, outcome.RoundsPlanned));
        await federation.StopServerAsync();
        await owner.StopAsync();

        await using var store = await federation.OpenStoreAsync();
        var record = (await store.GetForgetRequestAsync(request.TicketId!))!;
        var before = await store.LoadGlobalAsync(record.VersionBefore!.Value);
        var after = await store.LoadGlobalAsync(record.VersionAfter!.Value);
        var weights = await OwnerWeightsAsync(store, owner.ClientId);
        Assert.True(weights.Count >= 2, $"The owner trained in {weights.Count} committed round(s)");

        // The committed version is exactly the owner's correction, recomputed here from its journal (the batches its ticket claimed) and the store's sample counts.
        var journal = new AmnesiacJournal(Path.Combine(owner.DataDirectory, LearnerContext.AmnesiacDirectoryName));
        await journal.OpenAsync();
        Assert.Superset(weights.Keys.ToHashSet(), journal.Rounds.ToHashSet());
        var forgetSet = DatasetExtensions.SelectIds(owner.Data, forgotten);
        using (var model = await ModelFactory.LoadBaseAsync(fixture.Data.BaseModel.Path, fixture.Data.LoRA))
        {
            model.LoadAdapterParameterSet(before);
            var method = new FederatedAmnesiacMethod(journal, new FederatedAmnesiacOptions { RoundWeights = weights, Ticket = request.TicketId });
            var report = method.Apply(new UnlearningContext { Model = model, Forget = forgetSet, Retain = owner.Data }, CancellationToken.None);
            Assert.True(report.Metrics["subtracted_batches"] >= forgotten.Length / 2.0, $"{report.Metrics["subtracted_batches"]} batches subtracted");
            output.WriteLine($"{forgotten.Length} samples, {report.Metrics["subtracted_batches"]} batches in {report.Metrics["subtracted_rounds"]} rounds subtracted; journal {journal.StoredBytes} bytes in {journal.Rounds.Count} rounds");
            AssertClose(model.ToAdapterParameterSet(), after, 1e-5f);
        }

        var (lossBefore, lossAfter) = (await ForgetLossAsync(before, forgetSet), await ForgetLossAsync(after, forgetSet));
        output.WriteLine($"forget-set loss {lossBefore:F4} → {lossAfter:F4}");
        Assert.True(lossAfter > lossBefore, $"forget-set loss {lossBefore:F4} → {lossAfter:F4}");

        var audit = await federation.VerifyAuditAsync();
        Assert.True(audit.IsValid, audit.ToString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(federation.ServerDirectory, AuditLog.FileName));
        var completed = Assert.Single(lines, l => l.Contains($"\"ticket_id\":\"{request.TicketId}\"") && l.Contains("\"kind\":\"forget.completed\""));
        Assert.Contains("\"method\":\"amnesiac\"", completed);
    }

    /// <summary>The owner's FedAvg weight in each committed training round: its samples over the round's.</summary>
    private static async Task<Dictionary<long, double>> OwnerWeightsAsync(FederationStore store, string name)
    {
        var id = (await store.FindClientByNameAsync(name))!.Id;
        var weights = new Dictionary<long, double>();
        foreach (var round in await store.ListCommittedRoundsAsync())
        {
            if (round.Kind != TaskKind.Train) continue;
            var contributions = await store.ListContributionsAsync(round.Number);
            if (contributions.FirstOrDefault(c => c.ClientId == id) is { } mine)
                weights[round.Number] = (double)mine.SampleCount / contributions.Sum(c => c.SampleCount);
        }

        return weights;
    }

    private async Task<double> ForgetLossAsync(ParameterSet adapter, IDataset forgetSet)
    {
        using var model = await ModelFactory.LoadBaseAsync(fixture.Data.BaseModel.Path, fixture.Data.LoRA);
        model.LoadAdapterParameterSet(adapter);
        return ModelEvaluator.Predict(model, forgetSet).MeanCrossEntropy();
    }

    private static void AssertClose(ParameterSet expected, ParameterSet actual, float tolerance)
    {
        foreach (var e in expected)
        {
            var a = actual[e.Name].Data;
            for (var i = 0; i < a.Length; i++)
                Assert.True(Math.Abs(e.Data[i] - a[i]) <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{e.Name}[{i}]: {e.Data[i]} vs {a[i]}"));
        }
    }
}
