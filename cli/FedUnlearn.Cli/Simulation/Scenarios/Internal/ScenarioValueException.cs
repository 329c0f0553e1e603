using System.Text.Json;

namespace FedUnlearn.Cli.Simulation.Scenarios.Internal;

/// <summary>A value our converters refused, with a message meant for the user (the serializer adds the path).</summary>
internal sealed class ScenarioValueException(string message) : JsonException(message);
