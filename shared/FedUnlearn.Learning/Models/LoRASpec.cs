namespace FedUnlearn.Learning.Models;

/// <summary>
/// Where LoRA adapters go and their shape: <c>h = W0·x + (α/r)·B·A·x</c> on every Linear layer whose
/// dotted name equals a target or ends with <c>"." + target</c>.
/// </summary>
/// <param name="Targets">Linear layer names or suffixes, e.g. <c>["q_proj", "v_proj"]</c>; see <see cref="DefaultTargets"/>.</param>
/// <param name="Rank">Rank r of each adapter.</param>
/// <param name="Alpha">Scale α (the adapter output is multiplied by α/r).</param>
public sealed record LoRASpec(IReadOnlyList<string> Targets, int Rank = 8, double Alpha = 16)
{
    /// <summary>Every Linear of the family: MLP fc1..fcN and head; CNN fc1 and head; ViT q,k,v,o and the blocks' MLP linears.</summary>
    public static IReadOnlyList<string> DefaultTargets(ModelKind kind, int mlpHiddenLayers = 2) => kind switch
    {
        ModelKind.Mlp => [.. Enumerable.Range(1, mlpHiddenLayers).Select(i => $"fc{i}"), "head"],
        ModelKind.Cnn => ["fc1", "head"],
        ModelKind.Vit => ["q_proj", "k_proj", "v_proj", "out_proj", "fc1", "fc2"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };

    /// <summary>LoRA on <see cref="DefaultTargets"/> of <paramref name="kind"/>.</summary>
    public static LoRASpec For(ModelKind kind, int rank = 8, double alpha = 16, int mlpHiddenLayers = 2) =>
        new(DefaultTargets(kind, mlpHiddenLayers), rank, alpha);
}
