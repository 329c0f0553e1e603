using Xunit;

namespace FedUnlearn.Testing;

/// <summary>
/// A fact that needs <see cref="Python.Path"/> and the named Python modules; it is skipped, with the
/// reason, only where one of them is missing (scripts/prereqs.sh installs them all).
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Needs the interpreter and each of <paramref name="modules"/> (e.g. "torch", "google.protobuf").</summary>
    public PythonFactAttribute(params string[] modules)
    {
        Modules = modules;
        if (!Python.IsAvailable)
        {
            Skip = $"{Python.Path} is not installed (scripts/prereqs.sh installs it); the Python reference cannot run.";
            return;
        }

        string[] missing = [.. modules.Where(m => !Python.HasModule(m))];
        if (missing.Length > 0)
        {
            Skip = $"{Python.Path} lacks the module(s) {string.Join(", ", missing)} (scripts/prereqs.sh installs them); the Python reference cannot run.";
        }
    }

    /// <summary>The Python modules the test imports beyond the standard library.</summary>
    public IReadOnlyList<string> Modules { get; }
}
