namespace FedUnlearn.Learning.Training;

/// <summary>Progress of a training run after one optimisation step.</summary>
/// <param name="Epoch">The epoch (0-based) the step belongs to.</param>
/// <param name="Step">Steps done so far (1 after the first).</param>
/// <param name="TotalSteps">Steps planned for the run (an estimate when tombstones arrive mid-run).</param>
/// <param name="Loss">The step's loss.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
public readonly record struct TrainingProgress(int Epoch, int Step, int TotalSteps, double Loss, double LearningRate);
