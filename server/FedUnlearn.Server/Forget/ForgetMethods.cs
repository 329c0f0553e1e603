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

    /// <summary>
    /// True for the methods whose round is a correction computed from the forget data (rfa, nabla-tau,
    /// gradient-ascent, label-flip, amnesiac, and layer-wise around one of them); false for those that
    /// (re)train on retained data everywhere (retrain, finetune, sharded-exact, layer-wise around finetune).
    /// A sample-scope campaign of a correcting method runs on the requesting client alone: a client
    /// without forget data returns either the adapter unchanged or an unrelated fine-tuning step, and
    /// FedAvg would weight either by its sample count and shrink the requester's correction by its share.
    /// </summary>
    /// <param name="method">The method's registry name.</param>
    /// <param name="options">The options sent to clients (layer-wise names its wrapped method in <c>inner</c>).</param>
    public static bool Corrects(string method, IDictionary<string, string>? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method == LayerWise)
        {
            string inner = options is not null && options.TryGetValue("inner", out string? named) ? named.Trim() : LabelFlip;
            return inner != LayerWise && Corrects(inner);
        }

        return method is Rfa or NablaTau or GradientAscent or LabelFlip or Amnesiac;
    }

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
