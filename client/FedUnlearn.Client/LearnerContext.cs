using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Unlearning.Amnesiac;

namespace FedUnlearn.Client;

/// <summary>
/// What the client hands the app's learner factory once the server has said which model to build:
/// the model spec, the device, and the node's durable forget state. A learner must train only on
/// samples not in <see cref="Tombstones"/>, and for sample-scope unlearning resolve its forget set
/// with <see cref="ResolveForgetSamplesAsync"/> from the request ids in the task's settings.
/// </summary>
public sealed class LearnerContext
{
    private readonly LocalForgetRequests _requests;

    /// <summary>The journal's folder in the data directory.</summary>
    public const string AmnesiacDirectoryName = "amnesiac";

    internal LearnerContext(ModelSpec model, string device, string dataDirectory, ClientStore store, AmnesiacJournalOptions? amnesiac = null)
    {
        Amnesiac = amnesiac is null ? null : new AmnesiacJournal(Path.Combine(dataDirectory, AmnesiacDirectoryName), amnesiac);
        Model = model;
        Device = device;
        DataDirectory = dataDirectory;
        Tombstones = store.Tombstones;
        _requests = store.ForgetRequests;
    }

    /// <summary>The base model and LoRA adapter the federation trains, as the server announced at Join.</summary>
    public ModelSpec Model { get; }

    /// <summary>The compute device the node was configured with: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; }

    /// <summary>The client's data directory (e.g. to find a base model file beside the store).</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// The node's amnesiac journal (<see cref="FederationClientOptions.Amnesiac"/>; null when disabled): give it to the
    /// learner (<c>LocalLearnerOptions.Amnesiac</c>) so training is recorded and <c>amnesiac</c> campaigns can run.
    /// </summary>
    public AmnesiacJournal? Amnesiac { get; }

    /// <summary>The durable tombstones; forgotten samples never enter training again.</summary>
    public ITombstoneStore Tombstones { get; }

    /// <summary>
    /// The forget set of a sample-scope unlearning task: the distinct sample ids of the given local
    /// forget requests (<c>LocalUnlearnSettings.ForgetRequestIds</c>), ascending. Unknown ids
    /// contribute nothing. Pass this delegate to a learner that lives outside the client library.
    /// </summary>
    public Func<IReadOnlyList<string>, CancellationToken, ValueTask<long[]>> ResolveForgetSamplesAsync => ResolveAsync;

    private async ValueTask<long[]> ResolveAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        var ids = new SortedSet<long>();
        foreach (var requestId in requestIds.Distinct(StringComparer.Ordinal))
        {
            ids.UnionWith(await _requests.GetSampleIdsAsync(requestId, cancellationToken).ConfigureAwait(false));
        }

        return [.. ids];
    }
}
