namespace FedUnlearn.Cli.Simulation.Reports;

/// <summary>One training round of the global model.</summary>
public sealed record RoundRecord
{
    /// <summary>Round number, from 1.</summary>
    public int Round { get; init; }

    /// <summary>Global adapter version committed by the round.</summary>
    public long GlobalVersion { get; init; }

    /// <summary>Test accuracy of the new global model; null when not evaluated.</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>Mean test cross-entropy of the new global model; null when not evaluated.</summary>
    public double? TestLoss { get; init; }

    /// <summary>Samples each client trained on this round, by client index (0 when not selected).</summary>
    public IReadOnlyList<int> ClientSamples { get; init; } = [];

    /// <summary>Updates rejected by validation this round.</summary>
    public int RejectedUpdates { get; init; }

    /// <summary>Wall time of the round, seconds.</summary>
    public double WallTimeSeconds { get; init; }

    /// <summary>Bytes the server sent (adapters, tasks).</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes the server received (updates).</summary>
    public long BytesReceived { get; init; }
}
