namespace FedUnlearn.Server.Aggregation;

/// <summary>A client chosen for a task, with the config to send it (epochs, learning rate...).</summary>
/// <param name="ClientId">The chosen client.</param>
/// <param name="Config">Key-value config for the task; always holds <c>round</c>.</param>
public sealed record ClientInstruction(string ClientId, IReadOnlyDictionary<string, string> Config)
{
    /// <summary>
    /// Adapter tensors the client must leave unchanged when it trains (sent as the TrainTask's
    /// <c>frozen_parameters</c>); empty: the whole adapter is trained.
    /// </summary>
    public IReadOnlyList<string> FrozenParameters { get; init; } = [];
}
