using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning.Amnesiac;

[Collection(TorchModelCollection.Name)]
public sealed class AmnesiacJournalTests
{
    private static readonly long[] AllIds = JournalScenario.AllIds;

    [Fact]
    public async Task TrainAsync_WithJournal_RecordsEachRoundDurably_ReopenedJournalHoldsTheSame()
    {
        using var s = new JournalScenario();
        var learner = new LocalLearner(s.Model, TinyTask.Train, new TombstoneSet(), new LocalLearnerOptions { Amnesiac = s.Journal, EvaluateAfterTraining = false });
        var settings = new LocalTrainSettings { Epochs = 1, BatchSize = 32, LearningRate = 1e-2, Seed = 1 };

        await learner.TrainAsync(s.Model.ToAdapterParameterSet(), settings with { Round = 4 }, null, CancellationToken.None);
        await learner.TrainAsync(s.Model.ToAdapterParameterSet(), settings with { Round = 7 }, null, CancellationToken.None);

        Assert.Equal([4L, 7L], s.Journal.Rounds);
        Assert.Equal(19, s.Journal.Round(4)!.BatchCount);   // 600 samples, batches of 32
        // 19 batches of 600 ids (8 bytes) and 336 float values (4 bytes), 16 bytes of overhead each, per round.
        Assert.Equal(2 * (19 * (16 + 336 * 4) + 600 * 8), s.Journal.StoredBytes);
        var reopened = new AmnesiacJournal(s.Directory);
        await reopened.OpenAsync();
        Assert.Equal([4L, 7L], reopened.Rounds);
        Assert.Equal(s.Journal.StoredBytes, reopened.StoredBytes);
        // The registry the learner built offers amnesiac over the journal.
        var method = MethodRegistry.CreateDefault().AddAmnesiac(reopened).Create("amnesiac", JournalScenario.Weights("4:0.5,7:0.5"));
        Assert.Equal(2, method.Apply(s.Context([AllIds[3]]), CancellationToken.None).Metrics["subtracted_batches"]);
    }

    [Fact]
    public async Task CommitRoundAsync_BeyondMaxRounds_EvictsTheOldest_ForgettingItsSamplesFailsClearly()
    {
        using var s = new JournalScenario(new AmnesiacJournalOptions { MaxRounds = 2 });
        await s.TrainRoundAsync(1);
        await s.TrainRoundAsync(2);
        await s.TrainRoundAsync(3);

        Assert.Equal([2L, 3L], s.Journal.Rounds);
        Assert.Equal(1, s.Journal.EvictedRoundCount);
        Assert.Equal(600, s.Journal.LostIdCount);
        Assert.Equal(2, Directory.GetFiles(s.Directory, "round-*.ledger").Length);
        var reopened = new AmnesiacJournal(s.Directory, s.Journal.Options);
        await reopened.OpenAsync();
        var registry = MethodRegistry.CreateDefault().AddAmnesiac(reopened);
        var before = s.Model.ToAdapterParameterSet().ContentHash();

        var strict = registry.Create("amnesiac", JournalScenario.Weights("1:0.5,2:0.5,3:0.5"));
        var e = Assert.Throws<InvalidOperationException>(() => strict.Apply(s.Context([AllIds[8]]), CancellationToken.None));
        Assert.StartsWith("1 of the 1 forget samples were in training rounds the amnesiac journal evicted", e.Message);
        Assert.Equal(before, s.Model.ToAdapterParameterSet().ContentHash());

        // Rounds that kept the sample's updates are still subtracted when the caller accepts the loss, which is reported.
        var lenient = registry.Create("amnesiac", JournalScenario.Weights("1:0.5,2:0.5,3:0.5", ("allow-lost", "true")));
        var report = lenient.Apply(s.Context([AllIds[8]]), CancellationToken.None);
        Assert.Equal((1, 2, 2), (report.Metrics["lost_ids"], report.Metrics["subtracted_batches"], report.Metrics["subtracted_rounds"]));
    }

    [Fact]
    public async Task CommitRoundAsync_BeyondMaxBytes_KeepsOnlyWhatFits()
    {
        const long round = 19 * (16 + 336 * 4) + 600 * 8;
        using var s = new JournalScenario(new AmnesiacJournalOptions { MaxBytes = 2 * round + 100 });
        for (var r = 1; r <= 4; r++) await s.TrainRoundAsync(r);

        Assert.Equal([3L, 4L], s.Journal.Rounds);
        Assert.Equal(2 * round, s.Journal.StoredBytes);
        Assert.Equal(2, s.Journal.EvictedRoundCount);
    }

    [Fact]
    public async Task OpenAsync_CorruptedIndex_IsInvalidData()
    {
        using var s = new JournalScenario(new AmnesiacJournalOptions { MaxRounds = 1 });
        await s.TrainRoundAsync(1);
        await s.TrainRoundAsync(2);
        var index = Path.Combine(s.Directory, AmnesiacJournal.IndexFileName);
        var bytes = await File.ReadAllBytesAsync(index);
        bytes[12] ^= 0x40;
        await File.WriteAllBytesAsync(index, bytes);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new AmnesiacJournal(s.Directory).OpenAsync());
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public async Task BeginRound_BeforeOpen_Throws()
    {
        using var s = new JournalScenario();
        Assert.Contains("OpenAsync", Assert.Throws<InvalidOperationException>(() => s.Journal.BeginRound(s.Model)).Message);
        await Task.CompletedTask;
    }
}
