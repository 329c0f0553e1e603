namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>One round of an unlearning campaign (or of retraining).</summary>
public sealed record CampaignRound
{
    /// <summary>Campaign round, from 1.</summary>
    public int Round { get; init; }

    /// <summary>Forget-set accuracy after the round; null when not evaluated.</summary>
    public double? ForgetAccuracy { get; init; }

    /// <summary>Retain-set accuracy after the round; null when not evaluated.</summary>
    public double? RetainAccuracy { get; init; }

    /// <summary>Test accuracy after the round; null when not evaluated.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Wall time of the round, seconds.</summary>
    public double WallTimeSeconds { get; init; }

    /// <summary>Bytes the server sent during the round.</summary>
    public long BytesSent { get; init; }
}
