using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning.Internal;

/// <summary>The endless, seeded stream of forget batches drawn next to a loop's retain batches.</summary>
internal static class ForgetStream
{
    /// <summary>
    /// Batches of the forget set with the run's batch size. No tombstones: forgotten samples are
    /// tombstoned, yet they are exactly what this stream must show. The seed differs from the retain
    /// stream's so the two shuffles are independent, and the last smaller batch is kept so that a
    /// forget set smaller than one batch still yields batches.
    /// </summary>
    public static BatchStream Create(UnlearningContext context, TrainingOptions training) =>
        new(context.Forget!, TrainingLoop.SamplerOptions(training) with { Seed = unchecked((ulong)training.Seed + 0x9E3779B97F4A7C15UL), DropLast = false },
            tombstones: null, Device(context));

    public static Device Device(UnlearningContext context) => context.Model.parameters(trainableOnly: true).First().device;
}
