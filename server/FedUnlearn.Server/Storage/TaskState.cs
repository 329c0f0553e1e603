namespace FedUnlearn.Server.Storage;

/// <summary>Where a task is in its life; every state but <see cref="Assigned"/> is final.</summary>
public enum TaskState
{
    /// <summary>Sent to the client; no result yet.</summary>
    Assigned = 0,

    /// <summary>The client's result is stored.</summary>
    Submitted = 1,

    /// <summary>The client's result was refused (the reason is kept).</summary>
    Rejected = 2,

    /// <summary>The client reported a failure (the reason is kept).</summary>
    Failed = 3,

    /// <summary>Its round closed before a result arrived.</summary>
    Expired = 4,
}
