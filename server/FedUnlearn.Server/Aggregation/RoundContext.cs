using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Server.Aggregation;

/// <summary>What a strategy knows about the round it is asked about.</summary>
/// <param name="Round">The round number (1-based, increasing).</param>
/// <param name="GlobalVersion">The version of the global adapter the round starts from.</param>
/// <param name="Global">That global adapter: the reference layout every update must match.</param>
public sealed record RoundContext(long Round, long GlobalVersion, ParameterSet Global);
