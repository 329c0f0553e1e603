using FedUnlearn.Learning.Federated;

namespace FedUnlearn.Client.Learning.Internal;

/// <summary>Resolves sample-scope forget requests through the client store (<see cref="LearnerContext.ResolveForgetSamplesAsync"/>).</summary>
internal sealed class ContextForgetSamples(LearnerContext context) : IForgetSampleSource
{
    public async ValueTask<IReadOnlyCollection<long>> GetSampleIdsAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken) =>
        await context.ResolveForgetSamplesAsync(requestIds, cancellationToken).ConfigureAwait(false);
}
