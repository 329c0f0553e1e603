namespace FedUnlearn.Learning.Training;

/// <summary>How the learning rate changes over the optimisation steps of a run (stepped once per batch).</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate stays at its peak.</summary>
    Constant,

    /// <summary>Linear warm-up over <see cref="TrainingOptions.WarmupSteps"/>, then cosine decay to 0 at the last step.</summary>
    Cosine,

    /// <summary>Linear warm-up over <see cref="TrainingOptions.WarmupSteps"/>, then linear decay to 0 at the last step.</summary>
    Linear,
}
