using System.Net;
using FedUnlearn.Contracts.Adapters;

namespace FedUnlearn.Server.Hosting;

public sealed partial class FederationServerOptions
{
    /// <summary>The shortest admin token accepted.</summary>
    public const int MinAdminTokenLength = 16;

    /// <summary>The most shard adapters a federation may keep.</summary>
    public const int MaxShards = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and how to fix it.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(FederationName, nameof(FederationName));
        ArgumentNullException.ThrowIfNull(Address, nameof(Address));
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort, nameof(Port));
        if (CertificatePath is null && !IPAddress.IsLoopback(Address))
            throw new ArgumentException(
                $"Refusing to serve plaintext HTTP/2 on {Address}: tokens and adapters would travel unencrypted. " +
                $"Set {nameof(CertificatePath)} to a TLS certificate, or listen on a loopback address (127.0.0.1, ::1) for tests and simulation.",
                nameof(CertificatePath));
        if (CertificatePath is not null && !File.Exists(CertificatePath))
            throw new ArgumentException($"The TLS certificate '{CertificatePath}' does not exist.", nameof(CertificatePath));
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw new ArgumentException("A data directory is required (the store, the audit log and its key live there).", nameof(DataDirectory));
        if (string.IsNullOrEmpty(AdminToken) || AdminToken.Length < MinAdminTokenLength || AdminToken.Any(char.IsWhiteSpace))
            throw new ArgumentException($"An admin token of at least {MinAdminTokenLength} characters without whitespace is required.", nameof(AdminToken));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinClients, 1, nameof(MinClients));
        if (!(ClientFraction > 0 && ClientFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(ClientFraction), ClientFraction, "Must be in (0, 1].");
        if (ClientsPerRound is { } perRound)
            ArgumentOutOfRangeException.ThrowIfLessThan(perRound, 1, nameof(ClientsPerRound));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinUpdates, 1, nameof(MinUpdates));
        if (MinUpdates > (ClientsPerRound ?? int.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(MinUpdates), MinUpdates, $"A round cannot need more updates than the {ClientsPerRound} clients it asks.");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RoundDeadline, TimeSpan.Zero, nameof(RoundDeadline));
        ArgumentOutOfRangeException.ThrowIfNegative(DeadlineExtensions, nameof(DeadlineExtensions));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFailedRounds, nameof(MaxFailedRounds));
        ArgumentOutOfRangeException.ThrowIfNegative(Rounds, nameof(Rounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(Shards, 1, nameof(Shards));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Shards, MaxShards, nameof(Shards));
        if (!StrategyNames.All.Contains(Strategy))
            throw new ArgumentException($"Unknown strategy '{Strategy}'; expected one of {string.Join(", ", StrategyNames.All)}.", nameof(Strategy));
        if (!(TrimmedMeanBeta >= 0 && TrimmedMeanBeta < 0.5))
            throw new ArgumentOutOfRangeException(nameof(TrimmedMeanBeta), TrimmedMeanBeta, "Must be in [0, 0.5).");
        if (NormBound is { } bound && !(bound > 0 && double.IsFinite(bound)))
            throw new ArgumentOutOfRangeException(nameof(NormBound), bound, "Must be positive and finite.");
        ArgumentNullException.ThrowIfNull(HyperParameters, nameof(HyperParameters));
        ArgumentNullException.ThrowIfNull(Model, nameof(Model));
        if (InitialAdapterPath is not null && !File.Exists(InitialAdapterPath))
            throw new ArgumentException($"The initial adapter file '{InitialAdapterPath}' does not exist.", nameof(InitialAdapterPath));
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkSize, 1, nameof(ChunkSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChunkSize, AdapterChunker.MaxChunkSize, nameof(ChunkSize));
        if (MaxMessageSize < ChunkSize + 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), MaxMessageSize, $"Must hold a chunk of {ChunkSize} bytes plus framing (at least {ChunkSize + 1024}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUpdateSize, 1, nameof(MaxUpdateSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxUpdateSize, Array.MaxLength, nameof(MaxUpdateSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero, nameof(ShutdownTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(Forget, nameof(Forget));
        Forget.Validate();
    }
}
