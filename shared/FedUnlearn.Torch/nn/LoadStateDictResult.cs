namespace FedUnlearn.Torch;

/// <summary>What a non-strict <c>load_state_dict</c> left out, as PyTorch's <c>_IncompatibleKeys</c>.</summary>
/// <param name="MissingKeys">Module entries the dict did not provide (they kept their values).</param>
/// <param name="UnexpectedKeys">Dict entries the module has no place for (ignored).</param>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
