using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Server.Tests.Federation.Support;

/// <summary>A client without learning: joins, keeps a task stream open, submits hand-made deltas.</summary>
internal sealed class FakeClient(string clientId, string token, GrpcChannel channel) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private ServerStreamingCall<ClientTask>? _subscription;
    private IAsyncEnumerator<ClientTask>? _tasks;

    public string ClientId { get; } = clientId;

    public string Token { get; } = token;

    public FederationRpcClient Rpc { get; } = new(channel, token);

    public Task<JoinResponse> JoinAsync(ulong samples = 10) =>
        Rpc.JoinAsync(new JoinRequest { ClientId = ClientId, DisplayName = ClientId.ToUpperInvariant(), Capabilities = new ClientCapabilities { SampleCount = samples } });

    /// <summary>Opens the task stream and waits for its first heartbeat (the server has registered us).</summary>
    public async Task SubscribeAsync()
    {
        _subscription = Rpc.Subscribe(new SubscribeRequest { ClientId = ClientId });
        _tasks = _subscription.ResponseStream.GetAsyncEnumerator();
        ClientTask first = await ReadAsync();
        Assert.Equal(ClientTask.KindOneofCase.Heartbeat, first.KindCase);
    }

    /// <summary>The next task that is not a heartbeat.</summary>
    public async Task<ClientTask> NextTaskAsync()
    {
        while (true)
        {
            ClientTask task = await ReadAsync();
            if (task.KindCase != ClientTask.KindOneofCase.Heartbeat) return task;
        }
    }

    /// <summary>Submits <paramref name="delta"/> as the answer to <paramref name="task"/>.</summary>
    public Task<SubmitUpdateResponse> SubmitAsync(ClientTask task, ParameterSet delta, ulong samples = 10, int chunkSize = 1 << 20) =>
        Rpc.SubmitUpdateAsync(Header(task, samples), delta, chunkSize);

    public static SubmitUpdateHeader Header(ClientTask task, ulong samples) => new()
    {
        TaskId = task.TaskId,
        BaseVersion = task.AdapterVersion,
        SampleCount = samples,
        Metrics = { ["loss"] = 1.0 },
    };

    public void Dispose() => _subscription?.Dispose();

    private async Task<ClientTask> ReadAsync()
    {
        if (_tasks is null) throw new InvalidOperationException("Subscribe first.");
        Assert.True(await _tasks.MoveNextAsync().AsTask().WaitAsync(Patience), $"{ClientId}'s task stream ended.");
        return _tasks.Current;
    }
}
