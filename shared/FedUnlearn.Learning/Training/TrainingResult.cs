namespace FedUnlearn.Learning.Training;

/// <summary>What a training run did: steps, samples and the running loss and accuracy of its last epoch.</summary>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="SampleCount">Live (non-tombstoned) samples in the data when the run was planned: the aggregation weight.</param>
/// <param name="Loss">Sample-weighted mean loss over the last epoch's steps; null when no step ran.</param>
/// <param name="Accuracy">Running accuracy over the last epoch's batches (as they were trained on, in training mode); null when
/// the objective does not count predictions or no step ran.</param>
/// <param name="EpochLosses">Sample-weighted mean loss of every epoch that ran.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record TrainingResult(
    int Steps,
    int SampleCount,
    double? Loss,
    double? Accuracy,
    IReadOnlyList<double> EpochLosses,
    TimeSpan Elapsed);
