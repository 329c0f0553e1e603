namespace FedUnlearn.Learning.Unlearning.Retrain;

/// <summary>Options of <see cref="RetrainMethod"/>.</summary>
public sealed record RetrainOptions
{
    /// <summary><c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.</summary>
    public OptimizationOverrides Optimization { get; init; } = new();

    /// <summary><c>init-seed</c>: the seed of the fresh adapter's A (default 0); every client must use the same one.</summary>
    public long InitSeed { get; init; }

    /// <summary>
    /// <c>reset</c>: re-initialise the adapter before training (default true). A federated retraining
    /// campaign resets in its first round only and passes <c>reset=false</c> afterwards, when the global
    /// adapter already is the retrained one in progress.
    /// </summary>
    public bool Reset { get; init; } = true;

    /// <summary>Reads the options from a task's dictionary.</summary>
    public static RetrainOptions Read(MethodOptions options) => new()
    {
        Optimization = OptimizationOverrides.Read(options),
        InitSeed = options.Int64("init-seed") ?? 0,
        Reset = options.Boolean("reset") ?? true,
    };
}
