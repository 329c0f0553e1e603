using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Training;

/// <summary>One optimisation step as an objective and the hooks see it.</summary>
public sealed class StepContext
{
    internal StepContext(ClassifierModel model, IReadOnlyList<(string Name, Tensor Parameter)> parameters, Batch batch,
        int epoch, int step, int totalSteps, double learningRate)
    {
        Model = model;
        Parameters = parameters;
        Batch = batch;
        Epoch = epoch;
        Step = step;
        TotalSteps = totalSteps;
        LearningRate = learningRate;
    }

    /// <summary>The model being trained (in training mode).</summary>
    public ClassifierModel Model { get; }

    /// <summary>The parameters the optimizer updates (the adapter), with their dotted names.</summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> Parameters { get; }

    /// <summary>The loop's batch for this step.</summary>
    public Batch Batch { get; }

    /// <summary>The epoch (0-based).</summary>
    public int Epoch { get; }

    /// <summary>The step (0-based, counted over the whole run).</summary>
    public int Step { get; }

    /// <summary>Steps planned for the run.</summary>
    public int TotalSteps { get; }

    /// <summary>The learning rate of this step.</summary>
    public double LearningRate { get; }

    /// <summary>Fraction of the run done before this step, in [0, 1): for schedules inside an objective.</summary>
    public double Progress => TotalSteps == 0 ? 0 : (double)Step / TotalSteps;

    internal long Correct { get; private set; }

    internal long Counted { get; private set; }

    internal bool Skipped { get; private set; }

    /// <summary>Adds the batch's correct predictions to the run's training accuracy.</summary>
    public void CountCorrect(Tensor logits, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        using var noGrad = torch.no_grad();
        using var predicted = logits.argmax(1);
        using var hits = predicted.eq(labels);
        using var sum = hits.sum();
        Correct += sum.item<long>();
        Counted += labels.size(0);
    }

    /// <summary>Tells the loop not to back-propagate or step for this batch (the loss is still reported).</summary>
    public void SkipStep() => Skipped = true;
}
