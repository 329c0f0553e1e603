namespace FedUnlearn.Learning.Unlearning.Finetune;

/// <summary>Options of <see cref="FinetuneMethod"/>: only the common optimisation overrides.</summary>
public sealed record FinetuneOptions
{
    /// <summary><c>epochs</c>, <c>lr</c>, <c>batch-size</c>, <c>weight-decay</c>, <c>clip-norm</c>, <c>max-steps</c>.</summary>
    public OptimizationOverrides Optimization { get; init; } = new();

    /// <summary>Reads the options from a task's dictionary.</summary>
    public static FinetuneOptions Read(MethodOptions options) => new() { Optimization = OptimizationOverrides.Read(options) };
}
