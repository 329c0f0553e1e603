namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>One problem in a scenario file, located by its JSON path (and line, when the parser knows it).</summary>
/// <param name="Path">The field, e.g. <c>forgetRequests[1].label</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and, where it helps, what is allowed.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Column">1-based byte position in the line, when known.</param>
public sealed record ScenarioError(string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>The error as one line: <c>source:line:column: path: message</c>.</summary>
    /// <param name="source">The file name shown first, e.g. <c>scenario.json</c>.</param>
    public string Format(string source)
    {
        var where = Line is { } line ? Column is { } col ? $"{source}:{line}:{col}" : $"{source}:{line}" : source;
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}
