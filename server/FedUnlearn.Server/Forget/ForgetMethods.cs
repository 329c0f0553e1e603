namespace FedUnlearn.Server.Forget;

/// <summary>Unlearning method names a campaign can run (the client's method registry implements them).</summary>
public static class ForgetMethods
{
    /// <summary>Residual feature alignment: a fresh LoRA aligned to the frozen model on retained data, shifted on forget data.</summary>
    public const string Rfa = "rfa";

    /// <summary>∇τ: bounded ascent on forget data to the held-out loss τ, descent on retained data.</summary>
    public const string NablaTau = "nabla-tau";

    /// <summary>Plain gradient ascent on the forget data.</summary>
    public const string GradientAscent = "gradient-ascent";

    /// <summary>Cross-entropy towards random wrong labels on the forget data.</summary>
    public const string LabelFlip = "label-flip";

    /// <summary>Any optimisation method limited to chosen layers or top-p coordinates.</summary>
    public const string LayerWise = "layer-wise";

    /// <summary>Subtract the stored batch updates that held forget samples.</summary>
    public const string Amnesiac = "amnesiac";

    /// <summary>Retrain only the affected shard adapters, deterministically.</summary>
    public const string ShardedExact = "sharded-exact";

    /// <summary>Federated retraining from a re-initialised adapter without the forgotten data (the reference).</summary>
    public const string Retrain = "retrain";

    /// <summary>Continue training on retained data only.</summary>
    public const string Finetune = "finetune";

    /// <summary>Default settings: one campaign round for the local methods, more for finetune and retrain.</summary>
    public static Dictionary<string, ForgetMethodSettings> Defaults() => new(StringComparer.Ordinal)
    {
        [Rfa] = new(),
        [NablaTau] = new(),
        [GradientAscent] = new(),
        [LabelFlip] = new(),
        [LayerWise] = new(),
        [Amnesiac] = new(),
        [ShardedExact] = new(),
        [Retrain] = new() { Rounds = 5 },
        [Finetune] = new() { Rounds = 2 },
    };
}
