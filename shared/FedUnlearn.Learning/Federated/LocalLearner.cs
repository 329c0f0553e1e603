using System.Diagnostics;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Federated.Internal;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Federated;

/// <summary>
/// The learning side of a client node: one LoRA model, the node's private dataset, its tombstones and
/// (optionally) a held-out split. Each task loads the adapter it is given, works on a thread-pool
/// thread (libtorch scopes and grad mode are per thread, so the synchronous work never crosses an
/// await), and returns the adapter as a <see cref="ParameterSet"/>. Tasks on one learner run one at a
/// time. The caller keeps ownership of the model and disposes it.
/// </summary>
public sealed partial class LocalLearner : ILocalLearner
{
    private readonly ClassifierModel _model;
    private readonly IDataset _data;
    private readonly ITombstoneStore _tombstones;
    private readonly LocalLearnerOptions _options;
    private readonly MethodRegistry _methods;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a learner over <paramref name="model"/> (with a LoRA adapter) and the node's data.</summary>
    /// <exception cref="ArgumentException">The model has no adapter, or a dataset does not fit the model.</exception>
    public LocalLearner(ClassifierModel model, IDataset data, ITombstoneStore tombstones, LocalLearnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tombstones);
        _options = options ?? new LocalLearnerOptions();
        _options.TrainingDefaults.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EvaluationBatchSize, 1);
        if (!model.named_lora_parameters().Any())
            throw new ArgumentException("The model has no LoRA adapter: a node trains and sends an adapter (build it with ModelSpec.LoRA).", nameof(model));
        ModelDataChecks.Fits(model, data, "training");
        if (_options.TestData is { } test) ModelDataChecks.Fits(model, test, "test");
        if (_options.Device is { } device) model.to(device);
        (_model, _data, _tombstones) = (model, data, tombstones);
        _methods = _options.Methods ?? (_options.Amnesiac is { } journal ? MethodRegistry.CreateDefault().AddAmnesiac(journal) : MethodRegistry.CreateDefault());
    }

    /// <inheritdoc />
    public int SampleCount
    {
        get
        {
            var live = 0;
            for (var i = 0; i < _data.Count; i++)
            {
                if (!_tombstones.Contains(_data.GetId(i))) live++;
            }

            return live;
        }
    }

    /// <inheritdoc />
    /// <remarks>With <see cref="LocalLearnerOptions.Amnesiac"/>, the task's batch updates are recorded under
    /// <see cref="LocalTrainSettings.Round"/> and written durably before the result is returned.</remarks>
    /// <exception cref="ArgumentException">The adapter does not fit the model or holds a non-finite value.</exception>
    /// <exception cref="TrainingDivergedException">Training diverged; the model keeps the global adapter.</exception>
    public async Task<LocalTrainResult> TrainAsync(ParameterSet globalAdapter, LocalTrainSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalAdapter);
        ArgumentNullException.ThrowIfNull(settings);
        var training = settings.ToTrainingOptions(_options.TrainingDefaults);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var journal = _options.Amnesiac;
            if (journal is not null) await journal.OpenAsync(cancellationToken).ConfigureAwait(false);
            var (result, recording) = await Task.Run(() => Train(globalAdapter, training, journal, progress, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            using (recording)
            {
                if (recording is not null) await journal!.CommitRoundAsync(settings.Round + _options.AmnesiacRoundOffset, recording, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private (LocalTrainResult Result, AmnesiacRecording? Recording) Train(ParameterSet globalAdapter, TrainingOptions training, AmnesiacJournal? journal,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        LoadAdapter(globalAdapter);
        var recording = journal?.BeginRound(_model);
        try
        {
            var result = new LocalTrainer(training, recording?.Hooks).Train(_model, _data, _tombstones, ProgressMap.For(progress), cancellationToken);
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["steps"] = result.Steps };
            if (result.Loss is { } loss) metrics["loss"] = loss;
            if (result.Accuracy is { } accuracy) metrics["accuracy"] = accuracy;
            if (_options.EvaluateAfterTraining && _options.TestData is { Count: > 0 } test)
            {
                var outputs = ModelEvaluator.Predict(_model, test, false, _options.EvaluationBatchSize, cancellationToken);
                metrics["test_loss"] = outputs.MeanCrossEntropy();
                metrics["test_accuracy"] = outputs.Report().Accuracy;
            }

            return (new LocalTrainResult(_model.ToAdapterParameterSet(), result.SampleCount, metrics, clock.Elapsed), recording);
        }
        catch
        {
            recording?.Dispose();
            throw;
        }
    }

    private void LoadAdapter(ParameterSet adapter)
    {
        foreach (var tensor in adapter)
        {
            if (!Array.TrueForAll(tensor.Data, float.IsFinite))
                throw new ArgumentException($"The adapter holds a non-finite value in '{tensor.Name}'.", nameof(adapter));
        }

        try
        {
            _model.LoadAdapterParameterSet(adapter);
        }
        catch (StateDictLoadException e)
        {
            throw new ArgumentException($"The adapter does not fit this node's model. {e.Message}", nameof(adapter), e);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool, one task at a time per learner.</summary>
    private async Task<T> Exclusive<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
