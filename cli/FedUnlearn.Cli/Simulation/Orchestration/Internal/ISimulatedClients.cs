using FedUnlearn.Client.Storage;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The clients of one federation, wherever they run: <see cref="InProcessClients"/> (client nodes on this
/// process's thread pool) or <see cref="ProcessClients"/> (one <c>fedunlearn client</c> process each). Both
/// run the same learner on the same data and hand their results over in the same order, so they give the same numbers.
/// </summary>
internal interface ISimulatedClients : IAsyncDisposable
{
    /// <summary>Faults (with a <see cref="SimulationException"/> naming the client) when a client stops for a reason other than being stopped.</summary>
    Task Failed { get; }

    /// <summary>Prepares client <paramref name="index"/>, admitted as <paramref name="clientId"/>, with its store in <paramref name="directory"/>; nothing runs yet.</summary>
    Task AddAsync(int index, string clientId, string token, string directory, CancellationToken cancellationToken);

    /// <summary>Completes when every added client is ready to connect (client processes started, their data built and model loaded).</summary>
    Task ReadyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Client <paramref name="index"/> files <paramref name="request"/> (with its request id set) through the client SDK: persisted and
    /// tombstoned in the client's store, counts sent. Returns the server's ticket once the server has accepted it.
    /// </summary>
    Task<string> RequestForgetAsync(int index, ForgetRequestDraft request, CancellationToken cancellationToken);

    /// <summary>Starts every client's task loop.</summary>
    void Run();

    /// <summary>Stops every client and waits for them to end.</summary>
    Task StopAsync();
}
