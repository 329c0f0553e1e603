using System.Net;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Aggregation.NormBound;
using FedUnlearn.Server.Forget;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Hosting;

/// <summary>
/// Everything an aggregator needs: where it listens, where it keeps its state, who may call it,
/// how rounds run and what clients are told to do. Checked by <see cref="Validate"/> when a
/// <see cref="FederationServer"/> is created.
/// </summary>
public sealed partial class FederationServerOptions
{
    /// <summary>Name of the federation, sent to clients and kept in logs. Default <c>fedunlearn</c>.</summary>
    public string FederationName { get; set; } = "fedunlearn";

    /// <summary>IP address to listen on. Default loopback; any other address requires TLS.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (read it from <see cref="FederationServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>PKCS#12 (.pfx) or PEM certificate with its private key; null serves plaintext h2c, loopback only.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, or the private key file for a PEM certificate (<c>key.pem</c> beside it by default).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Directory of the store (SQLite + blobs), the audit log and its signing key. Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Bearer token of the Admin service (at least 16 characters). Required.</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>Clients with an open task stream needed before a round starts. Default 2.</summary>
    public int MinClients { get; set; } = 2;

    /// <summary>Fraction of the connected clients asked to train each round, in (0, 1]. Default 1.</summary>
    public double ClientFraction { get; set; } = 1.0;

    /// <summary>When set, exactly this many connected clients (at most all) train each round; overrides <see cref="ClientFraction"/>.</summary>
    public int? ClientsPerRound { get; set; }

    /// <summary>Accepted updates a round needs to commit. Default 1.</summary>
    public int MinUpdates { get; set; } = 1;

    /// <summary>How long a round waits for updates after its tasks are sent. Default 10 minutes.</summary>
    public TimeSpan RoundDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many times a round whose deadline passed with fewer than <see cref="MinUpdates"/> accepted
    /// updates is extended by another <see cref="RoundDeadline"/> before it is abandoned (the global
    /// adapter unchanged) and a fresh round is started. Default 0: abandon and retry at once.
    /// </summary>
    public int DeadlineExtensions { get; set; }

    /// <summary>
    /// How many training rounds in a row may be abandoned after their tasks went out (too few accepted
    /// updates: every update rejected, clients failing or silent) before the runner gives up and
    /// <see cref="FederationServer.Completion"/> faults with a <see cref="Rounds.RoundsFailedException"/>
    /// naming the last round's reasons, instead of retrying forever. A committed round resets the count;
    /// a round abandoned because too few clients were online is not counted (it waits for clients).
    /// 0 retries without bound. Default 5.
    /// </summary>
    public int MaxFailedRounds { get; set; } = 5;

    /// <summary>Training rounds to commit, counted over the store's whole history; 0 runs until stopped. Default 0.</summary>
    public int Rounds { get; set; }

    /// <summary>
    /// When true, the aggregator starts no training round: it serves forget requests (their campaigns and
    /// verification rounds) on the model it holds and otherwise waits for the next one, until stopped
    /// (<see cref="Rounds"/> is not counted). For a federation whose training is frozen, e.g. a campaign that must
    /// leave the store exactly as its verification round left it, whenever the clients go away. Default false.
    /// </summary>
    public bool TrainingPaused { get; set; }

    /// <summary>Aggregation strategy: <c>fedavg</c> (default), <c>exact-lora</c>, <c>median</c> or <c>trimmed-mean</c>.</summary>
    public string Strategy { get; set; } = StrategyNames.FedAvg;

    /// <summary>Fraction trimmed at each end per coordinate by <c>trimmed-mean</c>, in [0, 0.5). Default 0.1.</summary>
    public double TrimmedMeanBeta { get; set; } = 0.1;

    /// <summary>Optional L2 bound on each update's delta; null for none.</summary>
    public double? NormBound { get; set; }

    /// <summary>Clip updates above <see cref="NormBound"/> (default) or reject them.</summary>
    public NormBoundMode NormBoundMode { get; set; } = NormBoundMode.Clip;

    /// <summary>
    /// Shard adapters K (sharded-exact unlearning, LegoNet in federated form). 1 (default): one global
    /// adapter. K ≥ 2: every client belongs to one shard (<see cref="Rounds.ClientShards.ShardOf"/>), the
    /// server keeps one adapter per shard trained only by that shard's clients, serves their
    /// sample-weighted average as the global adapter, and a <c>sharded-exact</c> forget request retrains
    /// only the affected shard. Fixed for a data directory once it holds training.
    /// </summary>
    public int Shards { get; set; } = 1;

    /// <summary>Seed of client sampling and of the per-task training seeds. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Local optimisation settings sent with every training task.</summary>
    public HyperParameters HyperParameters { get; set; } = new()
    {
        LocalEpochs = 1,
        BatchSize = 32,
        LearningRate = 0.01,
        Optimizer = "sgd",
    };

    /// <summary>The base model and LoRA adapter clients build, sent at Join.</summary>
    public ModelSpec Model { get; set; } = new();

    /// <summary>
    /// The global adapter a new store starts from (version 0); ignored when the store already holds
    /// one. Set this or <see cref="InitialAdapterPath"/> for a fresh data directory.
    /// </summary>
    public ParameterSet? InitialAdapter { get; set; }

    /// <summary>A safetensors file with the initial global adapter (see <see cref="InitialAdapter"/>).</summary>
    public string? InitialAdapterPath { get; set; }

    /// <summary>Largest gRPC message the server reads, in bytes (an upload chunk must fit). Default 4 MiB.</summary>
    public int MaxMessageSize { get; set; } = 4 << 20;

    /// <summary>Largest update payload accepted, in bytes; told to clients at Join. Default 256 MiB.</summary>
    public long MaxUpdateSize { get; set; } = 256L << 20;

    /// <summary>Chunk size clients are asked to upload with, and the server downloads with. Default 1 MiB.</summary>
    public int ChunkSize { get; set; } = 1 << 20;

    /// <summary>Interval of heartbeats on an idle task stream. Default 30 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping waits for running calls. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock of rounds, deadlines, heartbeats and records (fake it in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How forget requests are honoured: default method, campaign rounds per method, verification policy.</summary>
    public ForgetOptions Forget { get; set; } = new();

    /// <summary>Logging; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
