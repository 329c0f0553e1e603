using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FedUnlearn.Cli.Simulation.Scenarios;

namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>
/// <c>results.json</c>: every figure of a <see cref="SimulationResults"/>, in declaration order, with
/// invariant shortest-round-trip numbers and "\n" line ends, so the same results always give the
/// same bytes and reading the file back gives the same results.
/// </summary>
public static class ResultsJson
{
    /// <summary>The file name inside a report folder.</summary>
    public const string FileName = "results.json";

    private static readonly JsonSerializerOptions Options = new(ScenarioLoader.JsonOptions)
    {
        // Results state "not measured" explicitly, and a NaN from a degenerate metric must not lose a finished run.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        NewLine = "\n",
    };

    /// <summary>The results as JSON text.</summary>
    public static string Serialize(SimulationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return JsonSerializer.Serialize(results, Options) + "\n";
    }

    /// <summary>Reads results written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not a results document of this format.</exception>
    public static SimulationResults Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var results = JsonSerializer.Deserialize<SimulationResults>(json, Options) ?? throw new JsonException("The results document is null.");
        return results.Format == SimulationResults.CurrentFormat
            ? results
            : throw new JsonException($"Unsupported results format '{results.Format}' (expected '{SimulationResults.CurrentFormat}').");
    }

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public static Task WriteAsync(string path, SimulationResults results, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Serialize(results), new UTF8Encoding(false), cancellationToken);

    /// <summary>Reads a <c>results.json</c> file.</summary>
    public static async Task<SimulationResults> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
}
