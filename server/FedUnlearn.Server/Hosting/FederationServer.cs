using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Server;
using FedUnlearn.Rpc.Services;
using FedUnlearn.Server.Rounds;
using FedUnlearn.Server.Rounds.Internal;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Hosting;

/// <summary>
/// The aggregator, whole: the store, the audit log, the round runner and the Federation, Admin and
/// Health services on one gRPC endpoint. Create, <see cref="StartAsync"/>, read <see cref="Address"/>,
/// <see cref="StopAsync"/>. A server started on a data directory a previous server left (even
/// killed mid-round) continues from the last committed round.
/// </summary>
public sealed partial class FederationServer : IAsyncDisposable
{
    private readonly FederationServerOptions _options;
    private readonly ILogger _logger;
    private Components? _running;
    private CancellationTokenSource? _stopping;
    private Task _runnerTask = Task.CompletedTask;

    /// <summary>Creates a server; <paramref name="options"/> are validated now (nothing is opened yet).</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and says how to fix it.</exception>
    public FederationServer(FederationServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("FedUnlearn.Server");
    }

    /// <summary>The address clients connect to, e.g. <c>http://127.0.0.1:53211</c>. Valid after <see cref="StartAsync"/>.</summary>
    public Uri Address => Running.Grpc.Address;

    /// <summary>The bound port (useful with port 0). Valid after <see cref="StartAsync"/>.</summary>
    public int Port => Running.Grpc.Port;

    /// <summary>What the round runner is doing.</summary>
    public RunnerState State => _running?.Runner.State ?? RunnerState.Starting;

    /// <summary>The health service: set a service NOT_SERVING to drain it.</summary>
    public HealthService Health => Running.Health;

    /// <summary>Summaries of recent rounds (this process), newest first.</summary>
    public IReadOnlyList<RoundSummary> RecentRounds => Running.Runner.RecentSummaries;

    /// <summary>Completes when the round runner ends: every configured round committed, or the server stopped.
    /// Faults if the runner failed.</summary>
    public Task Completion => _runnerTask;

    /// <summary>Completes with round <paramref name="round"/>'s summary once it is committed or abandoned.</summary>
    public Task<RoundSummary> WaitForRoundAsync(long round, CancellationToken cancellationToken = default) =>
        Running.Runner.WaitForRoundAsync(round, cancellationToken);

    /// <summary>
    /// Completes with forget request <paramref name="ticketId"/>'s final status once its campaign ended (completed or
    /// failed), as the operator would list it; woken by the campaign's end, not by polling.
    /// </summary>
    /// <exception cref="Rpc.RpcException">NOT_FOUND: the server holds no such ticket.</exception>
    public async Task<ForgetStatus> WaitForForgetRequestAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        Components running = Running;
        while (true)
        {
            // Taken before the status is read: a campaign that ends in between completes this signal.
            Task settled = running.Forget.Settled;
            ForgetStatus status = await running.Forget.GetStatusAsync(null, ticketId, cancellationToken).ConfigureAwait(false);
            if (status.State is ForgetState.Completed or ForgetState.Failed) return status;
            await settled.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Components Running => _running ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>Opens the store and audit log (recovering an interrupted round), binds the port, starts the rounds.</summary>
    /// <exception cref="InvalidOperationException">A fresh data directory and no initial adapter, or already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_running is not null) throw new InvalidOperationException("The server has already been started.");
        Components components = await Components.OpenAsync(_options, _logger, cancellationToken).ConfigureAwait(false);
        try
        {
            await components.Grpc.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await components.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _running = components;
        _stopping = new CancellationTokenSource();
        CancellationToken stopping = _stopping.Token;
        _runnerTask = Task.Run(() => components.Runner.RunAsync(stopping), CancellationToken.None);
    }

    /// <summary>
    /// Stops: health turns NOT_SERVING, clients get a Shutdown (may reconnect), the runner stops
    /// (a round in flight stays uncommitted and is abandoned at the next start), calls drain, files close.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_running is not { } components) return;
        _running = null;
        components.Health.EnterShutdown();
        await _stopping!.CancelAsync().ConfigureAwait(false);
        components.Sessions.CloseAll("the server is stopping");
        try
        {
            await _runnerTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Already logged by the runner; stopping goes on so that files are closed.
        }

        await components.Grpc.StopAsync(cancellationToken).ConfigureAwait(false);
        await components.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
