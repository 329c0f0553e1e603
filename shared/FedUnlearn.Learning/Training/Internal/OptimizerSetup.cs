using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;
using FedUnlearn.Torch.Optim.Schedulers;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>Builds the optimizer and the per-step learning-rate schedule a <see cref="TrainingOptions"/> asks for.</summary>
internal static class OptimizerSetup
{
    public static Optimizer Create(TrainingOptions options, IEnumerable<Tensor> parameters) => options.Optimizer switch
    {
        TrainingOptimizer.AdamW => torch.optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        TrainingOptimizer.Adam => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        TrainingOptimizer.Sgd => torch.optim.SGD(parameters, options.LearningRate, options.Momentum, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    public static LRScheduler? Schedule(TrainingOptions options, Optimizer optimizer, int totalSteps)
    {
        var warmup = Math.Min(options.WarmupSteps, totalSteps);
        return options.Schedule switch
        {
            LearningRateSchedule.Constant => null,
            LearningRateSchedule.Cosine => torch.optim.lr_scheduler.get_cosine_schedule_with_warmup(optimizer, warmup, Math.Max(1, totalSteps)),
            LearningRateSchedule.Linear => torch.optim.lr_scheduler.get_linear_schedule_with_warmup(optimizer, warmup, Math.Max(1, totalSteps)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "Unknown learning-rate schedule."),
        };
    }
}
