namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>A scenario file that cannot be used: every problem found, each naming its field.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name the errors are reported against.</param>
    /// <param name="errors">At least one error.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public ScenarioException(string source, IReadOnlyList<ScenarioError> errors, Exception? innerException = null)
        : base(Describe(source, errors), innerException)
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file name the errors are reported against.</summary>
    public new string Source { get; }

    /// <summary>The problems, in document order where known.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(string source, IReadOnlyList<ScenarioError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return string.Join(Environment.NewLine, errors.Select(e => e.Format(source)));
    }
}
