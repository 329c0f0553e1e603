using FedUnlearn.Contracts.Adapters;

namespace FedUnlearn.Server.Rounds.Internal;

/// <summary>A global adapter version, encoded and chunked for FetchAdapter.</summary>
internal sealed record CachedAdapter(long Version, string ContentHash, ChunkedPayload Payload);
