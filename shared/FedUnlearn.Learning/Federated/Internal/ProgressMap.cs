using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Federated.Internal;

/// <summary>Forwards training progress to the SDK's progress type, synchronously.</summary>
internal sealed class ProgressMap(IProgress<LocalProgress> target) : IProgress<TrainingProgress>
{
    public static IProgress<TrainingProgress>? For(IProgress<LocalProgress>? target) => target is null ? null : new ProgressMap(target);

    public void Report(TrainingProgress value) => target.Report(new LocalProgress(value.Step, value.TotalSteps, value.Loss));
}
