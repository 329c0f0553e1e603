using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

[Collection(TorchModelCollection.Name)]
public sealed class AmnesiacTests
{
    private static readonly long[] AllIds = FedUnlearn.Learning.Data.DatasetExtensions.GetIds(TinyTask.Train);

    [Fact]
    public void Amnesiac_FullUpdatesForgetEverySample_GivesBackTheInitialAdapter()
    {
        using var s = new AmnesiacScenario();
        Assert.Equal(38, s.Ledger.BatchCount);

        var outcome = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context(AllIds));

        AmnesiacScenario.AssertClose(s.Initial, outcome.Adapter, 1e-5f);
        Assert.NotEqual(s.Initial.ContentHash(), s.Trained.ContentHash());
        Assert.Equal(38, outcome.Metrics["subtracted_batches"]);
        Assert.Equal(0, s.Ledger.BatchCount);
        Assert.Equal(0, s.Ledger.StoredBytes);
        Assert.Equal(0, outcome.Steps);
    }

    [Fact]
    public void Amnesiac_SomeIds_SubtractsExactlyTheBatchesThatHeldThem()
    {
        using var s = new AmnesiacScenario();
        long[] forget = [AllIds[5], AllIds[77], AllIds[400]];
        var touched = s.Steps.Where(step => step.Ids.Any(forget.Contains)).ToList();
        var expected = s.Trained;
        foreach (var step in touched) expected = AmnesiacScenario.Subtract(expected, step.Update);

        var outcome = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context(forget));

        Assert.InRange(touched.Count, 2, 6);
        Assert.Equal(touched.Count, outcome.Metrics["subtracted_batches"]);
        AmnesiacScenario.AssertClose(expected, outcome.Adapter, 1e-6f);
        Assert.Equal(38 - touched.Count, s.Ledger.BatchCount);
    }

    [Fact]
    public void PartialAmnesiac_StoresTheTopPEntriesAndSubtractsThem_BytesReported()
    {
        const double p = 0.1;
        using var s = new AmnesiacScenario(new AmnesiacLedgerOptions { TopFraction = p });
        var expected = s.Trained;
        long bytes = 0;
        foreach (var (ids, update) in s.Steps)
        {
            expected = AmnesiacScenario.Subtract(expected, TopP(update, p));
            bytes += 16 + 8L * ids.Length + update.Sum(t => 8L * Math.Max(1, (int)Math.Round(p * t.Data.Length, MidpointRounding.AwayFromZero)));
        }

        Assert.Equal(bytes, s.Ledger.StoredBytes);
        var outcome = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context(AllIds));

        AmnesiacScenario.AssertClose(expected, outcome.Adapter, 1e-6f);
        Assert.Equal(38, outcome.Metrics["subtracted_batches"]);
        Assert.Equal(0, outcome.Metrics["ledger_bytes"]);
    }

    [Fact]
    public void Ledger_EvictOldest_StaysWithinBoundKeepsTheNewestBatches()
    {
        var full = new AmnesiacScenario(training: AmnesiacScenario.Training with { Epochs = 1 });
        var perBatch = full.Ledger.StoredBytes / full.Ledger.BatchCount;
        full.Dispose();
        using var s = new AmnesiacScenario(new AmnesiacLedgerOptions { MaxBytes = 5 * perBatch + 100 }, AmnesiacScenario.Training with { Epochs = 1 });

        Assert.Equal(5, s.Ledger.BatchCount);
        Assert.True(s.Ledger.StoredBytes <= 5 * perBatch + 100);
        Assert.Equal(14, s.Ledger.DroppedBatches);
        Assert.Equal(19, s.Ledger.RecordedBatches);
        Assert.Equal(14 * 32, s.Ledger.LostIdCount);

        var newest = s.Steps[^1].Ids[0];
        var oldest = s.Steps[0].Ids[0];
        var before = TinyTask.AdapterHash(s.Model);
        var error = Assert.Throws<InvalidOperationException>(() => UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context([oldest])));
        Assert.Contains("1 of the 1 forget samples were in batches the amnesiac ledger dropped", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(s.Model));

        var outcome = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context([newest]));
        Assert.Equal(1, outcome.Metrics["subtracted_batches"]);
        var lenient = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger, new AmnesiacOptions { AllowLost = true }), s.Context([oldest]));
        Assert.Equal(1, lenient.Metrics["lost_ids"]);
        Assert.Equal(0, lenient.Metrics["subtracted_batches"]);
    }

    [Fact]
    public void Ledger_StopRecording_KeepsTheFirstBatches()
    {
        using var s = new AmnesiacScenario(new AmnesiacLedgerOptions { MaxBytes = 10_000, Overflow = LedgerOverflow.StopRecording },
            AmnesiacScenario.Training with { Epochs = 1 });

        Assert.True(s.Ledger.StoredBytes <= 10_000);
        Assert.InRange(s.Ledger.BatchCount, 1, 18);
        Assert.Equal(19 - s.Ledger.BatchCount, s.Ledger.DroppedBatches);
        Assert.Equal(1, UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context([s.Steps[0].Ids[0]])).Metrics["subtracted_batches"]);
        Assert.Throws<InvalidOperationException>(() => UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context([s.Steps[^1].Ids[0]])));
    }

    [Fact]
    public async Task Ledger_SaveLoad_RoundTripsAndDetectsCorruption()
    {
        using var s = new AmnesiacScenario(new AmnesiacLedgerOptions { TopFraction = 0.5 });
        var path = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.bin");
        try
        {
            await s.Ledger.SaveAsync(path);
            var loaded = await AmnesiacLedger.LoadAsync(path);
            Assert.Equal((s.Ledger.BatchCount, s.Ledger.StoredBytes, s.Ledger.RecordedBatches), (loaded.BatchCount, loaded.StoredBytes, loaded.RecordedBatches));
            Assert.Equal(0.5, loaded.Options.TopFraction);

            long[] forget = [AllIds[1], AllIds[300]];
            var fromLoaded = UnlearningRunner.Run(new AmnesiacMethod(loaded), s.Context(forget)).Adapter;
            s.Model.LoadAdapterParameterSet(s.Trained);
            var fromOriginal = UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context(forget)).Adapter;
            Assert.Equal(fromOriginal.ContentHash(), fromLoaded.ContentHash());

            var bytes = await File.ReadAllBytesAsync(path);
            bytes[bytes.Length / 2] ^= 0x40;
            await File.WriteAllBytesAsync(path, bytes);
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => AmnesiacLedger.LoadAsync(path));
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Recording_RunDiverges_LedgerUnchanged()
    {
        using var model = TinyTask.Model();
        var ledger = new AmnesiacLedger();
        using (var recording = ledger.BeginRecording(model))
        {
            var trainer = new LocalTrainer(new TrainingOptions { LearningRate = 1e30, Optimizer = TrainingOptimizer.Sgd }, recording.Hooks);
            Assert.Throws<TrainingDivergedException>(() => trainer.Train(model, TinyTask.Train));
        }

        Assert.Equal(0, ledger.BatchCount);
        Assert.Equal(0, ledger.RecordedBatches);
        Assert.Equal(0, ledger.StoredBytes);
    }

    [Fact]
    public void Amnesiac_NaNInTheAdapter_ClearErrorAdapterAndLedgerUnchanged()
    {
        using var s = new AmnesiacScenario();
        using (torch.no_grad()) s.Model.named_lora_parameters().First(p => p.name == "fc1.lora_A").parameter.fill_(double.NaN);
        var before = TinyTask.AdapterHash(s.Model);

        var error = Assert.Throws<TrainingDivergedException>(() => UnlearningRunner.Run(new AmnesiacMethod(s.Ledger), s.Context(AllIds)));

        Assert.Contains("fc1.lora_A", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, TinyTask.AdapterHash(s.Model));
        Assert.Equal(38, s.Ledger.BatchCount);
    }

    [Fact]
    public void Registry_AmnesiacNeedsTheClientsLedger()
    {
        Assert.False(MethodRegistry.CreateDefault().Contains("amnesiac"));
        var ledger = new AmnesiacLedger();

        var method = Assert.IsType<AmnesiacMethod>(MethodRegistry.CreateDefault().AddAmnesiac(ledger).Create("amnesiac", new Dictionary<string, string> { ["allow-lost"] = "true" }));

        Assert.Same(ledger, method.Ledger);
        Assert.True(method.Options.AllowLost);
    }

    /// <summary>The update pruned like the ledger: the round(p·n) largest |values| per tensor, ties to the lowest index.</summary>
    private static ParameterSet TopP(ParameterSet update, double p) => new(update.Select(t =>
    {
        var k = Math.Max(1, (int)Math.Round(p * t.Data.Length, MidpointRounding.AwayFromZero));
        var keep = Enumerable.Range(0, t.Data.Length).OrderByDescending(i => Math.Abs(t.Data[i])).ThenBy(i => i).Take(k).ToHashSet();
        return new ParameterTensor(t.Name, t.Shape, [.. t.Data.Select((v, i) => keep.Contains(i) ? v : 0f)]);
    }));
}
