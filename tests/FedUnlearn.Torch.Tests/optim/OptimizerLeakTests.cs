using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>Runs alone: <see cref="Tensor.LiveCount"/> is process-wide, so parallel tests would disturb it.</summary>
[Collection(nameof(OptimizerLeakCollection))]
public sealed class OptimizerLeakTests
{
    [Fact]
    public void TrainingLoop_ManySteps_LeaksNoTensors()
    {
        using var scope = torch.NewDisposeScope();
        var (x, y) = Quadratic.Parameters(ScalarType.Float32);
        using var opt = torch.optim.AdamW([x, y], lr: 0.01);
        RunSteps(opt, x, y, 3);
        var live = Tensor.LiveCount;
        RunSteps(opt, x, y, 50);

        // Finalizers of other tests' garbage may lower the count meanwhile; a leak can only raise it.
        Assert.True(Tensor.LiveCount <= live, $"{Tensor.LiveCount - live} tensors leaked over 50 steps");
    }

    private static void RunSteps(Optimizer opt, Tensor x, Tensor y, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            Quadratic.Loss(x, y).backward();
            opt.clip_grad_norm_(1.0);
            opt.step();
        }
    }
}
