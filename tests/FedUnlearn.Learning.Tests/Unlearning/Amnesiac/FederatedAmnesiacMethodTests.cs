using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning.Amnesiac;

[Collection(TorchModelCollection.Name)]
public sealed class FederatedAmnesiacMethodTests
{
    private static readonly long[] AllIds = JournalScenario.AllIds;

    [Fact]
    public async Task Apply_TwoWeightedRounds_SubtractsEachAffectedStepTimesItsRoundWeight()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(3);
        await s.TrainRoundAsync(5);
        await s.TrainRoundAsync(6);
        long[] forget = [AllIds[5], AllIds[77], AllIds[400]];
        var weights = new Dictionary<long, double> { [3] = 0.25, [5] = 0.6 };   // round 6 was not aggregated: weight absent
        var global = s.Model.ToAdapterParameterSet();
        var expected = global.Clone();
        var touched = s.Steps.Where(step => weights.ContainsKey(step.Round) && step.Ids.Any(forget.Contains)).ToList();
        foreach (var (round, _, update) in touched)
        {
            foreach (var tensor in expected)
                for (var i = 0; i < tensor.Data.Length; i++) tensor.Data[i] -= (float)(weights[round] * update[tensor.Name].Data[i]);
        }

        var method = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal).Create(AmnesiacMethod.MethodName, JournalScenario.Weights("3:0.25,5:0.6"));
        var report = method.Apply(s.Context(forget), CancellationToken.None);

        Assert.InRange(touched.Count, 4, 6);
        Assert.Equal(touched.Count, report.Metrics["subtracted_batches"]);
        Assert.Equal(2, report.Metrics["subtracted_rounds"]);
        Assert.Equal((0, 0), (report.Metrics["lost_ids"], report.Metrics["never_seen_ids"]));
        AssertClose(expected, s.Model.ToAdapterParameterSet(), 1e-6f);
        Assert.NotEqual(global.ContentHash(), s.Model.ToAdapterParameterSet().ContentHash());
    }

    [Fact]
    public async Task Apply_SameForgetSetAgain_SubtractsTheSame_AnotherSetSkipsClaimedBatchesAfterReopen()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(1);
        long[] first = [AllIds[5]];
        var batchOfFirst = s.Steps.Single(step => step.Ids.Contains(first[0])).Ids;
        long[] second = [batchOfFirst.First(id => id != first[0]), AllIds.First(id => !batchOfFirst.Contains(id))];
        var global = s.Model.ToAdapterParameterSet();

        var method = new FederatedAmnesiacMethod(s.Journal, new FederatedAmnesiacOptions { RoundWeights = new Dictionary<long, double> { [1] = 0.5 } });
        method.Apply(s.Context(first), CancellationToken.None);
        var once = s.Model.ToAdapterParameterSet();
        s.Model.LoadAdapterParameterSet(global);
        method.Apply(s.Context(first), CancellationToken.None);   // a campaign round run again
        Assert.Equal(once.ContentHash(), s.Model.ToAdapterParameterSet().ContentHash());
        await s.Journal.FlushAsync();

        // After a restart, the batch both sets share was already subtracted for the first: only the other batch is.
        var reopened = new AmnesiacJournal(s.Directory);
        await reopened.OpenAsync();
        s.Model.LoadAdapterParameterSet(global);
        var report = new FederatedAmnesiacMethod(reopened, method.Options).Apply(s.Context(second), CancellationToken.None);
        Assert.Equal(1, report.Metrics["subtracted_batches"]);
        var other = s.Steps.Single(step => step.Ids.Contains(second[1])).Update;
        var expected = global.Clone();
        foreach (var tensor in expected)
            for (var i = 0; i < tensor.Data.Length; i++) tensor.Data[i] -= (float)(0.5 * other[tensor.Name].Data[i]);
        AssertClose(expected, s.Model.ToAdapterParameterSet(), 1e-6f);
    }

    [Fact]
    public async Task Apply_SameSamplesUnderAnotherTicket_SkipsTheBatchesTheFirstTicketSubtracted()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(1);
        var global = s.Model.ToAdapterParameterSet();
        var registry = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal);
        IUnlearningMethod Ticket(string ticket) => registry.Create(AmnesiacMethod.MethodName, JournalScenario.Weights("1:1", ("ticket", ticket)));

        var first = Ticket("fgt-000001").Apply(s.Context([AllIds[5]]), CancellationToken.None);
        s.Model.LoadAdapterParameterSet(global);
        var rerun = Ticket("fgt-000001").Apply(s.Context([AllIds[5]]), CancellationToken.None);
        s.Model.LoadAdapterParameterSet(global);
        var again = Ticket("fgt-000002").Apply(s.Context([AllIds[5]]), CancellationToken.None);

        Assert.Equal((1, 1, 0), (first.Metrics["subtracted_batches"], rerun.Metrics["subtracted_batches"], again.Metrics["subtracted_batches"]));
        Assert.Equal(global.ContentHash(), s.Model.ToAdapterParameterSet().ContentHash());
    }

    [Fact]
    public async Task Apply_RoundAggregatedButNeverRecorded_FailsAndChangesNothing()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(2);
        var before = s.Model.ToAdapterParameterSet().ContentHash();
        var method = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal).Create(AmnesiacMethod.MethodName, JournalScenario.Weights("1:0.5,2:0.5"));

        var e = Assert.Throws<InvalidOperationException>(() => method.Apply(s.Context([AllIds[9]]), CancellationToken.None));

        Assert.Contains("in 1 round(s) the journal never recorded (first: 1", e.Message);
        Assert.Equal(before, s.Model.ToAdapterParameterSet().ContentHash());
    }

    [Fact]
    public async Task Apply_EmptyRoundWeights_NothingWasAggregated_AdapterUnchanged()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(1);
        var before = s.Model.ToAdapterParameterSet().ContentHash();
        var method = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal).Create(AmnesiacMethod.MethodName, JournalScenario.Weights(""));

        var report = method.Apply(s.Context([AllIds[5]]), CancellationToken.None);

        Assert.Equal((0, 0, 1), (report.Metrics["subtracted_batches"], report.Metrics["subtracted_norm"], report.Metrics["never_seen_ids"]));
        Assert.Equal(before, s.Model.ToAdapterParameterSet().ContentHash());
    }

    [Fact]
    public async Task Create_BadOptions_AreRejectedWithTheirNames()
    {
        using var s = new JournalScenario(new AmnesiacJournalOptions { TopFraction = 0.2 });
        await s.Journal.OpenAsync();
        var registry = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal);

        Assert.Contains("round-weights", Assert.ThrowsAny<ArgumentException>(() => registry.Create("amnesiac", JournalScenario.Weights("3:1.5"))).Message);
        Assert.Contains("round-weights", Assert.ThrowsAny<ArgumentException>(() => registry.Create("amnesiac", JournalScenario.Weights("3:0.5,3:0.5"))).Message);
        Assert.Contains("top-p", Assert.ThrowsAny<ArgumentException>(() => registry.Create("amnesiac", JournalScenario.Weights("3:0.5", ("top-p", "0.5")))).Message);
        var noWeights = registry.Create("amnesiac", new Dictionary<string, string>());
        Assert.Contains("round-weights", Assert.Throws<InvalidOperationException>(() => noWeights.Apply(s.Context([AllIds[0]]), CancellationToken.None)).Message);
    }

    [Fact]
    public async Task Apply_TopPBelowStored_SubtractsOnlyTheLargestEntriesOfEachStep()
    {
        using var s = new JournalScenario();
        await s.TrainRoundAsync(1);
        var global = s.Model.ToAdapterParameterSet();
        var method = MethodRegistry.CreateDefault().AddAmnesiac(s.Journal).Create(AmnesiacMethod.MethodName, JournalScenario.Weights("1:1", ("top-p", "0.1")));

        method.Apply(s.Context([AllIds[5]]), CancellationToken.None);

        var step = s.Steps.Single(st => st.Ids.Contains(AllIds[5])).Update;
        var after = s.Model.ToAdapterParameterSet();
        foreach (var tensor in global)
        {
            var changed = Enumerable.Range(0, tensor.Data.Length).Count(i => after[tensor.Name].Data[i] != tensor.Data[i]);
            var kept = (int)Math.Max(1, Math.Round(0.1 * tensor.Data.Length, MidpointRounding.AwayFromZero));
            Assert.InRange(changed, 0, kept);
            // Whatever moved is the step's own largest entries, subtracted whole.
            var threshold = step[tensor.Name].Data.Select(Math.Abs).OrderDescending().ElementAt(kept - 1);
            for (var i = 0; i < tensor.Data.Length; i++)
                if (after[tensor.Name].Data[i] != tensor.Data[i]) Assert.True(Math.Abs(step[tensor.Name].Data[i]) >= threshold);
        }
    }

    private static void AssertClose(ParameterSet expected, ParameterSet actual, float tolerance)
    {
        foreach (var e in expected)
        {
            var a = actual[e.Name].Data;
            for (var i = 0; i < a.Length; i++)
                Assert.True(Math.Abs(e.Data[i] - a[i]) <= tolerance, $"{e.Name}[{i}]: expected {e.Data[i]}, got {a[i]}");
        }
    }
}
