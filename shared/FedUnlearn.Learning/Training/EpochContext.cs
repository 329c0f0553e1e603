using FedUnlearn.Learning.Models;

namespace FedUnlearn.Learning.Training;

/// <summary>Where a run stands when an epoch begins.</summary>
/// <param name="Model">The model being trained.</param>
/// <param name="Epoch">The epoch about to start (0-based).</param>
/// <param name="Step">Steps done before it.</param>
/// <param name="TotalSteps">Steps planned for the run.</param>
public sealed record EpochContext(ClassifierModel Model, int Epoch, int Step, int TotalSteps);
