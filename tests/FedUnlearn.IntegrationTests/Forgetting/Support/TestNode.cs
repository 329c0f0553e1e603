using FedUnlearn.Client;
using FedUnlearn.Client.Learning;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Federated;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.IntegrationTests.Forgetting.Support;

/// <summary>
/// One real client node: the client SDK over its own data directory, the LoRA learner on its own partition
/// (recorded), started and stopped like an app would (cancel <see cref="FederationClient.RunAsync"/>, dispose).
/// Reconnects are quick so that a restarting server is found again within milliseconds.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly string _basePath;
    private readonly IDataset _test;
    private readonly ILoggerFactory? _logs;
    private CancellationTokenSource? _stop;
    private RecordingLearner? _learner;

    public TestNode(string clientId, string token, IDataset partition, IDataset test, string basePath, string dataDirectory, ILoggerFactory? logs)
    {
        ClientId = clientId;
        Token = token;
        Data = new RecordingDataset(partition);
        _test = test;
        _basePath = basePath;
        DataDirectory = dataDirectory;
        _logs = logs;
    }

    public string ClientId { get; }

    /// <summary>The bearer token the operator issued.</summary>
    public string Token { get; }

    public string DataDirectory { get; }

    /// <summary>The node's partition, recording what each learner task read.</summary>
    public RecordingDataset Data { get; }

    /// <summary>A learner task to hold (see <see cref="TaskHold"/>); null holds nothing.</summary>
    public TaskHold? Hold { get; set; }

    /// <summary>The client while started; null when stopped.</summary>
    public FederationClient? Client { get; private set; }

    /// <summary><see cref="FederationClient.RunAsync"/> of the current start.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Opens the client store and starts running against <paramref name="server"/> in the background.</summary>
    public async Task StartAsync(Uri server)
    {
        if (Client is not null) throw new InvalidOperationException($"Node {ClientId} is already started.");
        var options = new FederationClientOptions
        {
            ServerAddress = server,
            Token = Token,
            ClientId = ClientId,
            DataDirectory = DataDirectory,
            LoggerFactory = _logs,
        };
        var r = options.Resilience;
        r.ReconnectBaseDelay = TimeSpan.FromMilliseconds(20);
        r.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        r.Calls.BaseDelay = TimeSpan.FromMilliseconds(20);
        r.Calls.MaxDelay = TimeSpan.FromMilliseconds(200);
        r.CircuitBreakerEnabled = false;
        Client = await FederationClient.CreateAsync(options, CreateLearnerAsync);
        _stop = new CancellationTokenSource();
        Running = Client.RunAsync(_stop.Token);
    }

    /// <summary>Stops running (as an app shutting down would), closes the store and frees the model.</summary>
    public async Task StopAsync()
    {
        if (Client is not { } client) return;
        await _stop!.CancelAsync();
        try
        {
            await Running;
        }
        catch (OperationCanceledException)
        {
            // The normal end of a stopped client.
        }
        catch (FederationClientException)
        {
            // Refused by the server (e.g. removed): the test reads Running itself when it cares.
        }

        await client.DisposeAsync();
        _stop.Dispose();
        _learner?.Dispose();
        (Client, _stop, _learner) = (null, null, null);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async ValueTask<ILocalLearner> CreateLearnerAsync(LearnerContext context, CancellationToken cancellationToken)
    {
        var lora = await LoRALearnerFactory.CreateAsync(context, Data, _basePath, new LocalLearnerOptions { TestData = _test }, cancellationToken);
        return _learner = new RecordingLearner(lora, Data, () => Hold);
    }
}
