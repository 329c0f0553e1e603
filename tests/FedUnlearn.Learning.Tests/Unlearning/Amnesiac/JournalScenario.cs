using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning.Amnesiac;

/// <summary>
/// A tiny model trained for several "rounds" while an <see cref="AmnesiacJournal"/> in a temporary
/// directory records, and, independently of the journal, every step's full update with its batch ids
/// and round: the reference the federated subtraction is checked against.
/// </summary>
internal sealed class JournalScenario : IDisposable
{
    public static readonly TrainingOptions Training = new() { Epochs = 1, BatchSize = 32, LearningRate = 1e-2, Seed = 3 };

    public JournalScenario(AmnesiacJournalOptions? options = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "fedunlearn-journal-" + Guid.NewGuid().ToString("N"));
        Journal = new AmnesiacJournal(Directory, options);
        Model = TinyTask.Model();
    }

    public string Directory { get; }

    public AmnesiacJournal Journal { get; }

    public ClassifierModel Model { get; }

    /// <summary>Every recorded step: its round, ids and full update.</summary>
    public List<(long Round, long[] Ids, ParameterSet Update)> Steps { get; } = [];

    public static long[] AllIds { get; } = DatasetExtensions.GetIds(TinyTask.Train);

    /// <summary>Trains one epoch as round <paramref name="round"/>, recorded, and commits it.</summary>
    public async Task TrainRoundAsync(long round)
    {
        await Journal.OpenAsync();
        ParameterSet? before = null;
        var probe = new TrainingHooks
        {
            AfterBackward = _ => before = Model.ToAdapterParameterSet(),
            AfterStep = step => Steps.Add((round, step.Batch.Ids.ToArray(), Subtract(Model.ToAdapterParameterSet(), before!))),
        };
        using var recording = Journal.BeginRound(Model);
        new LocalTrainer(Training with { Seed = round }, TrainingHooks.Combine(recording.Hooks, probe)).Train(Model, TinyTask.Train);
        await Journal.CommitRoundAsync(round, recording, CancellationToken.None);
    }

    public UnlearningContext Context(IEnumerable<long> forgetIds) => new()
    {
        Model = Model,
        Forget = DatasetExtensions.SelectIds(TinyTask.Train, forgetIds),
        Retain = DatasetExtensions.ExceptIds(TinyTask.Train, forgetIds),
        Training = Training,
    };

    public static Dictionary<string, string> Weights(string text, params (string Name, string Value)[] more)
    {
        var values = new Dictionary<string, string> { [FederatedAmnesiacOptions.RoundWeightsName] = text };
        foreach (var (name, value) in more) values[name] = value;
        return values;
    }

    public static ParameterSet Subtract(ParameterSet a, ParameterSet b) =>
        new(a.Select(t => new ParameterTensor(t.Name, t.Shape, [.. t.Data.Select((v, i) => v - b[t.Name].Data[i])])));

    public void Dispose()
    {
        Model.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
