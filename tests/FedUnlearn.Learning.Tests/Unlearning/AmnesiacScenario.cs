using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Tests.Support;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Tests.Unlearning;

/// <summary>
/// Trains a fresh tiny model while an <see cref="AmnesiacLedger"/> records, and, independently of the
/// ledger, keeps every step's full adapter update (new − old) with its batch ids: the reference the
/// ledger's subtraction is checked against.
/// </summary>
internal sealed class AmnesiacScenario : IDisposable
{
    public static readonly TrainingOptions Training = new() { Epochs = 2, BatchSize = 32, LearningRate = 1e-2, Seed = 3 };

    public AmnesiacScenario(AmnesiacLedgerOptions? options = null, TrainingOptions? training = null)
    {
        Model = TinyTask.Model();
        Initial = Model.ToAdapterParameterSet();
        Ledger = new AmnesiacLedger(options);
        ParameterSet? before = null;
        var probe = new TrainingHooks
        {
            AfterBackward = _ => before = Model.ToAdapterParameterSet(),
            AfterStep = step => Steps.Add((step.Batch.Ids.ToArray(), Subtract(Model.ToAdapterParameterSet(), before!))),
        };
        using var recording = Ledger.BeginRecording(Model);
        new LocalTrainer(training ?? Training, TrainingHooks.Combine(recording.Hooks, probe)).Train(Model, TinyTask.Train);
        recording.Commit();
        Trained = Model.ToAdapterParameterSet();
    }

    public ClassifierModel Model { get; }

    public AmnesiacLedger Ledger { get; }

    public ParameterSet Initial { get; }

    public ParameterSet Trained { get; }

    /// <summary>Every step's ids and full update, in order.</summary>
    public List<(long[] Ids, ParameterSet Update)> Steps { get; } = [];

    public UnlearningContext Context(IEnumerable<long> forgetIds) => new()
    {
        Model = Model,
        Forget = FedUnlearn.Learning.Data.DatasetExtensions.SelectIds(TinyTask.Train, forgetIds),
        Retain = FedUnlearn.Learning.Data.DatasetExtensions.ExceptIds(TinyTask.Train, forgetIds),
        Training = Training,
    };

    public static ParameterSet Subtract(ParameterSet a, ParameterSet b) =>
        new(a.Select(t => new ParameterTensor(t.Name, t.Shape, [.. t.Data.Select((v, i) => v - b[t.Name].Data[i])])));

    public static void AssertClose(ParameterSet expected, ParameterSet actual, float tolerance)
    {
        foreach (var e in expected)
        {
            var a = actual[e.Name].Data;
            for (var i = 0; i < a.Length; i++)
                Assert.True(Math.Abs(e.Data[i] - a[i]) <= tolerance, $"{e.Name}[{i}]: expected {e.Data[i]}, got {a[i]}");
        }
    }

    public void Dispose() => Model.Dispose();
}
