using System.Text;

namespace FedUnlearn.Torch;

/// <summary>
/// A state dict (or adapter) did not fit a module: nothing was copied. The message lists every missing,
/// unexpected and mis-shaped key, and the properties carry them for programs.
/// </summary>
public sealed class StateDictLoadException : Exception
{
    /// <summary>Creates the exception with a message naming every key.</summary>
    public StateDictLoadException(string moduleName, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<ShapeMismatch> mismatchedKeys)
        : base(Describe(moduleName, missingKeys, unexpectedKeys, mismatchedKeys))
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        MismatchedKeys = mismatchedKeys;
    }

    /// <summary>Keys the module has and the dict lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>Keys the dict has and the module lacks.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>Keys present on both sides with different shapes.</summary>
    public IReadOnlyList<ShapeMismatch> MismatchedKeys { get; }

    private static string Describe(string moduleName, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<ShapeMismatch> mismatched)
    {
        var text = new StringBuilder($"Error(s) loading state dict into {moduleName}; nothing was changed.");
        if (missing.Count > 0)
        {
            text.Append($" Missing key(s): {string.Join(", ", missing)}.");
        }

        if (unexpected.Count > 0)
        {
            text.Append($" Unexpected key(s): {string.Join(", ", unexpected)}.");
        }

        if (mismatched.Count > 0)
        {
            text.Append($" Shape mismatch for: {string.Join("; ", mismatched)}.");
        }

        return text.ToString();
    }
}
