using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Server.Endpoints.Internal;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Endpoints;

internal sealed partial class AdminEndpoint
{
    /// <summary>Rounds newest first; the page token is the number the next page starts below.</summary>
    private async Task<ListRoundsResponse> ListRoundsAsync(ListRoundsRequest request, ServerCallContext context)
    {
        long? before = request.PageToken.Length == 0 ? null : Paging.ParseRound(request.PageToken);
        int size = Paging.Size(request.PageSize);
        IReadOnlyList<RoundRecord> rounds = await store.ListRoundsAsync(before, size, context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<RoundSummary> recent = runner.RecentSummaries;
        var response = new ListRoundsResponse
        {
            NextPageToken = rounds.Count == size && rounds[^1].Number > 1 ? rounds[^1].Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
        };
        foreach (RoundRecord round in rounds)
        {
            IReadOnlyList<TaskRecord> tasks = await store.ListTasksAsync(round.Number, context.CancellationToken).ConfigureAwait(false);
            response.Rounds.Add(AdminMapping.Round(round, tasks, recent.FirstOrDefault(s => s.Round == round.Number)));
        }

        return response;
    }
}
