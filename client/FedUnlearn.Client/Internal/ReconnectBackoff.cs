namespace FedUnlearn.Client.Internal;

/// <summary>
/// Capped exponential backoff with "equal jitter": the n-th failure in a row waits
/// min(max, base·2^(n−1)), of which half is fixed and half uniformly random, so that a fleet of
/// clients cut off together does not reconnect in lockstep, yet no client retries instantly.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, bool jitter, Random random)
{
    public TimeSpan Delay(int failuresInARow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresInARow, 1);
        var exponent = Math.Min(failuresInARow - 1, 30);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        if (!jitter) return TimeSpan.FromTicks((long)ceiling);
        var half = ceiling / 2;
        return TimeSpan.FromTicks((long)(half + (random.NextDouble() * half)));
    }
}
