namespace FedUnlearn.Client.Events;

/// <summary>What became of a task's result.</summary>
public enum TaskSubmissionOutcome
{
    /// <summary>The server accepted it for aggregation (or recorded the reported failure).</summary>
    Accepted,

    /// <summary>The server had already received this task's result; the earlier copy counts.</summary>
    Duplicate,

    /// <summary>The round closed before it arrived; it will not be aggregated.</summary>
    Late,

    /// <summary>The server refused it (e.g. INVALID_ARGUMENT for a malformed update); it is not sent again.</summary>
    Rejected,

    /// <summary>It could not be delivered (server unreachable); it is kept and sent again when the server re-delivers the task.</summary>
    Undelivered,
}
