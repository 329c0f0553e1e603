namespace FedUnlearn.Server.Forget;

/// <summary>
/// How the server honours forget requests. Requests run one at a time, in acceptance order, each in
/// its own campaign, at the first safe point (between two rounds) after they are accepted; campaigns
/// run instead of training rounds while requests are pending.
/// </summary>
public sealed class ForgetOptions
{
    /// <summary>Method used when a request names none. Default <c>rfa</c>.</summary>
    public string DefaultMethod { get; set; } = ForgetMethods.Rfa;

    /// <summary>Methods a request may name, with their campaign settings.</summary>
    public IDictionary<string, ForgetMethodSettings> Methods { get; } = ForgetMethods.Defaults();

    /// <summary>Ordinary training rounds with the remaining clients after a client's contributions are removed. Default 1.</summary>
    public int RepairRounds { get; set; } = 1;

    /// <summary>Consecutive abandoned campaign or verification rounds before the request fails. Default 3.</summary>
    public int MaxRoundAttempts { get; set; } = 3;

    /// <summary>What verification must show for a request to complete.</summary>
    public VerificationPolicy Verification { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Methods.ContainsKey(DefaultMethod))
            throw new ArgumentException($"The default forget method '{DefaultMethod}' is not among the configured methods ({string.Join(", ", Methods.Keys)}).", nameof(DefaultMethod));
        foreach ((string name, ForgetMethodSettings settings) in Methods)
            if (settings.Rounds < 1)
                throw new ArgumentOutOfRangeException(nameof(Methods), settings.Rounds, $"Method '{name}' must run at least one campaign round.");
            else if (settings.RepairRounds < 0)
                throw new ArgumentOutOfRangeException(nameof(Methods), settings.RepairRounds, $"Method '{name}' cannot run a negative number of repair rounds.");
        ArgumentOutOfRangeException.ThrowIfNegative(RepairRounds, nameof(RepairRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRoundAttempts, 1, nameof(MaxRoundAttempts));
        ArgumentNullException.ThrowIfNull(Verification, nameof(Verification));
        Verification.Validate();
    }
}
