using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Unlearning;
using FedUnlearn.Learning.Unlearning.Amnesiac;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Federated;

/// <summary>How a <see cref="LocalLearner"/> trains, unlearns and evaluates on its node.</summary>
public sealed record LocalLearnerOptions
{
    /// <summary>The node's held-out split: test figures, ∇τ's threshold and MIA non-members. Null: none.</summary>
    public IDataset? TestData { get; init; }

    /// <summary>Where to run (<c>Device.Parse("cuda")</c>); the model is moved there once. Null: leave it where it is.</summary>
    public Device? Device { get; init; }

    /// <summary>The unlearning methods the node offers; null means <see cref="MethodRegistry.CreateDefault"/>.</summary>
    public MethodRegistry? Methods { get; init; }

    /// <summary>
    /// The node's amnesiac journal: every successful training task is recorded in it (per batch, the adapter
    /// update and the ids of its samples) under the task's round, and <c>amnesiac</c> is added to the default
    /// method registry over it (an explicit <see cref="Methods"/> registry is left as given). Null: nothing is recorded.
    /// </summary>
    public AmnesiacJournal? Amnesiac { get; init; }

    /// <summary>
    /// Added to a training task's round number to key it in <see cref="Amnesiac"/>: a node taking part in several
    /// federations whose round numbers restart (the simulation's phases) keeps their rounds apart. Default 0.
    /// </summary>
    public long AmnesiacRoundOffset { get; init; }

    /// <summary>Resolves sample-scope forget requests to this node's sample ids (the client store). Null: sample scope is refused.</summary>
    public IForgetSampleSource? ForgetSamples { get; init; }

    /// <summary>
    /// The node's training defaults: optimizer, schedule, warm-up, momentum, shuffling. Each task's
    /// <see cref="LocalTrainSettings"/> overrides epochs, batch size, learning rate, weight decay,
    /// clipping and the seed.
    /// </summary>
    public TrainingOptions TrainingDefaults { get; init; } = new();

    /// <summary>After local training, also report <c>test_loss</c> and <c>test_accuracy</c> (needs <see cref="TestData"/>).</summary>
    public bool EvaluateAfterTraining { get; init; } = true;

    /// <summary>Triggered samples and target class, for the backdoor success rate in evaluations.</summary>
    public BackdoorProbe? Backdoor { get; init; }

    /// <summary>Samples per forward pass in evaluations.</summary>
    public int EvaluationBatchSize { get; init; } = ModelEvaluator.DefaultBatchSize;
}
