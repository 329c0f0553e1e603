namespace FedUnlearn.Client.Storage;

/// <summary>Where a forget request this client issued stands, as far as the client knows.</summary>
public enum LocalForgetState
{
    /// <summary>Persisted locally (samples already tombstoned) but not yet acknowledged by the server; re-sent on reconnect.</summary>
    Pending,

    /// <summary>The server acknowledged it with a ticket and persisted it.</summary>
    Accepted,

    /// <summary>An unlearning campaign is running.</summary>
    Running,

    /// <summary>Clients are evaluating the corrected model.</summary>
    Verifying,

    /// <summary>Done; the server holds verification metrics and an audit record. Final.</summary>
    Completed,

    /// <summary>Gave up (rejected by the server or failed there). Final; the local tombstones stay.</summary>
    Failed,
}
