namespace FedUnlearn.Learning.Data.Batching;

/// <summary>How <see cref="BatchSampler"/> cuts an epoch into batches.</summary>
public sealed record BatchSamplerOptions
{
    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Reshuffle every epoch (from seed and epoch); false keeps index order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Drop the last batch of an epoch when it is smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <summary>The seed of the shuffles: the same (seed, epoch, tombstones) gives the same batches.</summary>
    public ulong Seed { get; init; }

    internal void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
}
