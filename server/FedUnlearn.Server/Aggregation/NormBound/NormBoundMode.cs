namespace FedUnlearn.Server.Aggregation.NormBound;

/// <summary>What a norm bound does to an update whose delta norm exceeds it.</summary>
public enum NormBoundMode
{
    /// <summary>Scale the delta down so that its L2 norm equals the bound (DP-style clipping).</summary>
    Clip = 0,

    /// <summary>Reject the update.</summary>
    Reject = 1,
}
