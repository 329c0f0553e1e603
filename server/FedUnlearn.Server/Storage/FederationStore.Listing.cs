using FedUnlearn.Server.Storage.Internal;
using static FedUnlearn.Server.Storage.Internal.RecordMapper;

namespace FedUnlearn.Server.Storage;

public sealed partial class FederationStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RoundRecord>> ListRoundsAsync(long? before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithConnectionAsync<IReadOnlyList<RoundRecord>>(async c => await c.QueryAsync(
            $"SELECT {RoundColumns} FROM rounds WHERE number < $before ORDER BY number DESC LIMIT $limit", MapRound,
            cancellationToken, null, ("$before", before ?? long.MaxValue), ("$limit", limit)), cancellationToken);
    }
}
