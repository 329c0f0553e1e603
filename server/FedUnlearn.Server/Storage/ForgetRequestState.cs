namespace FedUnlearn.Server.Storage;

/// <summary>Where a stored forget request is in its life; <see cref="Completed"/> and <see cref="Failed"/> are final.</summary>
public enum ForgetRequestState
{
    /// <summary>Persisted before the acknowledgement; waiting for the next safe point between rounds.</summary>
    Accepted = 0,

    /// <summary>Its campaign is running.</summary>
    Running = 1,

    /// <summary>Clients are evaluating the corrected model.</summary>
    Verifying = 2,

    /// <summary>Verified; the audit record is written.</summary>
    Completed = 3,

    /// <summary>Gave up, with a reason; the audit record is written.</summary>
    Failed = 4,
}
