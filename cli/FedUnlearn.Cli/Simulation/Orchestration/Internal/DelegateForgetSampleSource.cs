using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>Resolves forget requests through the client store (<c>LearnerContext.ResolveForgetSamplesAsync</c>).</summary>
internal sealed class DelegateForgetSampleSource(Func<IReadOnlyList<string>, CancellationToken, ValueTask<long[]>> resolve) : IForgetSampleSource
{
    public async ValueTask<IReadOnlyCollection<long>> GetSampleIdsAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken) =>
        await resolve(requestIds, cancellationToken).ConfigureAwait(false);
}
