namespace FedUnlearn.Learning.Federated;

/// <summary>Hyper-parameters of one local training task, as the server configures them.</summary>
public sealed record LocalTrainSettings
{
    /// <summary>Passes over the local data.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per optimisation step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.0;

    /// <summary>Clip gradients to this global L2 norm; null disables clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Seed of shuffling and dropout, so a task replays identically.</summary>
    public long Seed { get; init; }

    /// <summary>Round number, for progress reports and seeding.</summary>
    public long Round { get; init; }

    /// <summary>
    /// Adapter tensors to leave bit-identical (the server's exact-LoRA strategy freezes every
    /// <c>lora_A</c>); each must name a parameter of the node's model. Default: none.
    /// </summary>
    public IReadOnlyList<string> FrozenParameters { get; init; } = [];
}
