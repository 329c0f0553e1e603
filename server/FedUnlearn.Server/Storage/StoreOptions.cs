namespace FedUnlearn.Server.Storage;

/// <summary>Options of the <see cref="FederationStore"/>.</summary>
public sealed class StoreOptions
{
    /// <summary>Directory holding <c>federation.db</c>, <c>blobs/</c> and <c>packs/</c> (one file of client deltas per round); created if missing. Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>How many most recent rounds keep their per-client deltas (and delta packs) on <c>PruneAsync</c>. Default 10.</summary>
    public int RetainedDeltaRounds { get; set; } = 10;

    /// <summary>How parameter sets become blob bytes. Default <see cref="ParameterSetCodecs.Default"/>.</summary>
    public IParameterSetCodec Codec { get; set; } = ParameterSetCodecs.Default;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">No data directory or no codec.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative retention.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("A data directory is required.", nameof(DataDirectory));
        if (RetainedDeltaRounds < 0)
            throw new ArgumentOutOfRangeException(nameof(RetainedDeltaRounds), RetainedDeltaRounds, "Cannot keep a negative number of rounds.");
        if (Codec is null) throw new ArgumentException("A codec is required.", nameof(Codec));
    }
}
