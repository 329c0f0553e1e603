namespace FedUnlearn.Learning.Training;

/// <summary>
/// Points where code around an optimisation-based method can act on every step, without changing the
/// method: mask or scale gradients before the update (layer-wise partial unlearning), or record each
/// batch's update with its sample ids after it (amnesiac unlearning).
/// </summary>
public sealed record TrainingHooks
{
    /// <summary>After backward, before clipping and the optimizer step: the gradients are in each parameter's <c>grad</c>.</summary>
    public Action<StepContext>? AfterBackward { get; init; }

    /// <summary>After the optimizer step: the parameters hold their new values; <see cref="StepContext.Batch"/> names the samples.</summary>
    public Action<StepContext>? AfterStep { get; init; }

    /// <summary>Hooks that run <paramref name="first"/>'s, then <paramref name="second"/>'s callbacks (either may be null).</summary>
    public static TrainingHooks? Combine(TrainingHooks? first, TrainingHooks? second) =>
        first is null ? second
        : second is null ? first
        : new TrainingHooks
        {
            AfterBackward = first.AfterBackward + second.AfterBackward,
            AfterStep = first.AfterStep + second.AfterStep,
        };
}
