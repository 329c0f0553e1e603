using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Rpc.Services;

/// <summary>A downloaded global adapter.</summary>
/// <param name="Version">The version the server resolved (never 0).</param>
/// <param name="ContentHash">Hex <see cref="ParameterSet.ContentHash"/>, already checked against <paramref name="Parameters"/>.</param>
/// <param name="Parameters">The adapter's tensors.</param>
public sealed record FetchedAdapter(ulong Version, string ContentHash, ParameterSet Parameters);
