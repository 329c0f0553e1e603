namespace FedUnlearn.Server.Rounds;

/// <summary>What the round runner is doing.</summary>
public enum RunnerState
{
    /// <summary>Not started yet, or recovering the store.</summary>
    Starting,

    /// <summary>Waiting for enough clients to open their task streams.</summary>
    WaitingForClients,

    /// <summary>A round's tasks are out; updates are arriving.</summary>
    RoundRunning,

    /// <summary>Every configured round is committed.</summary>
    Finished,

    /// <summary>Stopped (server shutting down).</summary>
    Stopped,

    /// <summary>Failed (e.g. rounds kept failing); the server's completion holds the exception.</summary>
    Failed,
}
