using System.Text.Json;
using FedUnlearn.Cli.Simulation.Scenarios.Internal;

namespace FedUnlearn.Cli.Simulation.Scenarios;

/// <summary>
/// Reads scenario files (JSON, comments and trailing commas allowed) into a validated
/// <see cref="Scenario"/>. Any problem, from a missing file to an out-of-range label, becomes a
/// <see cref="ScenarioException"/> whose errors name the field by its JSON path.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The serializer options of scenario files (camelCase, enums as names, unknown properties rejected).</summary>
    public static JsonSerializerOptions JsonOptions => ScenarioJson.Options;

    /// <summary>Reads and validates a scenario file.</summary>
    /// <param name="path">The file; errors are reported against it as given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ScenarioException">The file is missing, unreadable, malformed or invalid.</exception>
    public static async Task<Scenario> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ScenarioException(path, [new("", $"file not found (looked for {System.IO.Path.GetFullPath(path)})")], ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, [new("", $"cannot be read: {ex.Message}")], ex);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates scenario JSON.</summary>
    /// <param name="json">The document.</param>
    /// <param name="source">The name errors are reported against. Default <c>scenario.json</c>.</param>
    /// <exception cref="ScenarioException">The JSON is malformed or the scenario invalid.</exception>
    public static Scenario Parse(string json, string source = "scenario.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json)) throw new ScenarioException(source, [new("", "is empty; it must hold a JSON object (use {} for the default scenario)")]);
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, ScenarioJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(source, [JsonErrorTranslator.Translate(ex)], ex);
        }

        if (scenario is null) throw new ScenarioException(source, [new("", "must hold a JSON object, not null")]);
        var errors = ScenarioValidator.Validate(scenario);
        return errors.Count == 0 ? scenario : throw new ScenarioException(source, errors);
    }

    /// <summary>The scenario as indented JSON in the file format (unset optional fields left out).</summary>
    public static string Serialize(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return JsonSerializer.Serialize(scenario, ScenarioJson.Options);
    }
}
