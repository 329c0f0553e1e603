namespace FedUnlearn.Server.Aggregation.ExactLora;

/// <summary>
/// How LoRA tensors are told apart by name. The convention (ours and PEFT's): a LoRA factor's name
/// has a dot-separated segment <c>lora_A</c> (the down projection, r × in) or <c>lora_B</c> (the
/// up projection, out × r), e.g. <c>fc1.lora_A</c>, <c>layers.0.attn.q.lora_B</c> or PEFT's
/// <c>q_proj.lora_A.default.weight</c>. Strategies take these as predicates, so any other
/// convention plugs in.
/// </summary>
public static class LoraNaming
{
    /// <summary>The segment naming a LoRA A (down-projection) factor.</summary>
    public const string ASegment = "lora_A";

    /// <summary>The segment naming a LoRA B (up-projection) factor.</summary>
    public const string BSegment = "lora_B";

    /// <summary>True when <paramref name="name"/> names a LoRA A factor.</summary>
    public static bool IsLoraA(string name) => HasSegment(name, ASegment);

    /// <summary>True when <paramref name="name"/> names a LoRA B factor.</summary>
    public static bool IsLoraB(string name) => HasSegment(name, BSegment);

    private static bool HasSegment(string name, string segment)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var range in name.AsSpan().Split('.'))
            if (name.AsSpan()[range].SequenceEqual(segment)) return true;
        return false;
    }
}
