using FedUnlearn.Client.Internal;
using FedUnlearn.Client.Storage;
using FedUnlearn.Learning.Federated;
using FedUnlearn.Rpc.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Client;

/// <summary>
/// A federated client node: it connects out to the aggregator, receives train / unlearn / evaluate
/// tasks, runs them on the app's <see cref="ILocalLearner"/> and sends back adapters and
/// aggregate measurements. Raw samples and sample ids never leave the node. Forget requests are
/// persisted and tombstoned locally before anything is sent (<see cref="RequestForgetAsync(IEnumerable{long}, string, string?, CancellationToken)"/>).
/// Create one with <c>CreateAsync</c>, call <see cref="RunAsync"/>, dispose it when done.
/// </summary>
public sealed partial class FederationClient : IAsyncDisposable
{
    private readonly FederationClientOptions _options;
    private readonly GrpcChannel _channel;
    private readonly ResilientFederationCalls _calls;
    private readonly TaskProcessor _processor;
    private readonly ForgetRequestSender _forget;
    private readonly FederationSession _session;
    private readonly ILogger _logger;
    private int _running;
    private int _failuresInARow;
    private bool _disposed;

    private FederationClient(FederationClientOptions options, ClientStore store,
        Func<LearnerContext, CancellationToken, ValueTask<ILocalLearner>> createLearner)
    {
        _options = options;
        Store = store;
        _logger = options.LoggerFactory?.CreateLogger<FederationClient>() ?? NullLogger<FederationClient>.Instance;
        _channel = ChannelFactory.Create(options);
        _calls = new ResilientFederationCalls(_channel, new ClientPipelines(options.Resilience, options.TimeProvider));
        _processor = new TaskProcessor(_calls, store, options, this, _logger);
        _forget = new ForgetRequestSender(_calls, store.ForgetRequests, this, _logger);
        _session = new FederationSession(_calls, options, store, _processor, _forget, createLearner, this, _logger);
        _session.Connected += () => Volatile.Write(ref _failuresInARow, 0);
    }

    /// <summary>The client id this node joins as.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>The node's durable state: tombstones, the forget requests it issued, node facts.</summary>
    public ClientStore Store { get; }

    /// <summary>The learner, once the first Join told the node which model to build; null before.</summary>
    public ILocalLearner? Learner => _processor.Learner;

    /// <summary>
    /// Validates <paramref name="options"/>, opens the client store in the data directory (one
    /// process at a time) and prepares the connection. Nothing is sent until <see cref="RunAsync"/>.
    /// </summary>
    /// <param name="options">The client's settings; validated here.</param>
    /// <param name="createLearner">
    /// Builds the node's learner once the server has announced the model (<see cref="LearnerContext.Model"/>);
    /// give it <see cref="LearnerContext.Tombstones"/> so forgotten samples stay out of training.
    /// </param>
    /// <param name="cancellationToken">Cancels opening the store.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="ClientStoreException">The store is corrupted, from a newer version, or in use by another process.</exception>
    public static async Task<FederationClient> CreateAsync(FederationClientOptions options,
        Func<LearnerContext, CancellationToken, ValueTask<ILocalLearner>> createLearner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createLearner);
        options.Validate();
        var store = await ClientStore.OpenAsync(options.DataDirectory, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        try
        {
            return new FederationClient(options, store, createLearner);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Same as <see cref="CreateAsync(FederationClientOptions, Func{LearnerContext, CancellationToken, ValueTask{ILocalLearner}}, CancellationToken)"/> with a synchronous learner factory.</summary>
    public static Task<FederationClient> CreateAsync(FederationClientOptions options, Func<LearnerContext, ILocalLearner> createLearner,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createLearner);
        return CreateAsync(options, (context, _) => ValueTask.FromResult(createLearner(context)), cancellationToken);
    }

    /// <summary>Closes the connection and the store. Stop <see cref="RunAsync"/> (cancel it) first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _channel.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
