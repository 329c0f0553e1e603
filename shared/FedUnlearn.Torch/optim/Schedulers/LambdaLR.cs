namespace FedUnlearn.Torch.Optim.Schedulers;

/// <summary>
/// Sets each group's rate to its base rate times <c>lr_lambda(epoch)</c> (PyTorch's <c>LambdaLR</c>).
/// The warm-up schedules of <c>torch.optim.lr_scheduler</c> are built on it.
/// </summary>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double> _lambda;

    /// <summary>Creates the schedule and sets epoch 0's rate (base · lr_lambda(0)).</summary>
    public LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(lr_lambda);
        _lambda = lr_lambda;
        InitialStep();
    }

    /// <inheritdoc />
    protected override double NextLearningRate(double current, double baseLr) => baseLr * _lambda(last_epoch);
}
