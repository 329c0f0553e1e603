using System.CommandLine;
using System.Globalization;
using System.Net;
using FedUnlearn.Cli.Common;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Hosting;

namespace FedUnlearn.Cli.Commands;

/// <summary>The options of <see cref="ServerCommand"/> and how they become <see cref="FederationServerOptions"/>.</summary>
internal sealed class ServerCommandOptions
{
    private static readonly FederationServerOptions Defaults = new();

    public Option<DirectoryInfo> DataDir { get; } = CliOptions.DataDirectory("Directory of the store, the audit log and its signing key (created when missing).");
    public Option<string> Address { get; } = new("--address") { Description = "IP address to listen on; anything but loopback needs --cert.", DefaultValueFactory = _ => "127.0.0.1" };
    public Option<int> Port { get; } = new("--port", "-p") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 7443 };
    public Option<FileInfo?> Cert { get; } = new("--cert") { Description = "TLS certificate with its private key (.pfx, or .pem with key.pem beside it)." };
    public Option<string?> CertPassword { get; } = new("--cert-password") { Description = "Password of a .pfx certificate, or the private key file of a .pem one." };
    public Option<string?> AdminToken { get; } = CliOptions.AdminToken();
    public Option<string> Name { get; } = new("--federation-name") { Description = "Name of the federation, for clients and the audit trail.", DefaultValueFactory = _ => Defaults.FederationName };
    public Option<int> MinClients { get; } = new("--min-clients") { Description = "Connected clients needed before a round starts.", DefaultValueFactory = _ => Defaults.MinClients };
    public Option<int> MinUpdates { get; } = new("--min-updates") { Description = "Accepted updates a round needs to commit.", DefaultValueFactory = _ => Defaults.MinUpdates };
    public Option<int?> ClientsPerRound { get; } = new("--clients-per-round") { Description = "Clients asked per round (default: all connected)." };
    public Option<int> Rounds { get; } = new("--rounds") { Description = "Training rounds to commit over the store's history; 0 runs until stopped.", DefaultValueFactory = _ => 0 };
    public Option<TimeSpan> RoundDeadline { get; } = new("--round-deadline") { Description = "How long a round waits for updates, e.g. 00:10:00.", DefaultValueFactory = _ => Defaults.RoundDeadline };
    public Option<bool> TrainingPaused { get; } = new("--training-paused") { Description = "Start no training round: serve forget requests (their campaigns and verification rounds) on the model the store holds, until stopped." };
    public Option<int> MaxFailedRounds { get; } = new("--max-failed-rounds") { Description = "Stop with an error after this many training rounds in a row fail (too few accepted updates); 0 retries without bound.", DefaultValueFactory = _ => 5 };
    public Option<string> Strategy { get; } = new("--strategy") { Description = "Aggregation strategy.", DefaultValueFactory = _ => StrategyNames.FedAvg };
    public Option<int> Shards { get; } = new("--shards") { Description = "Shard adapters K for sharded-exact unlearning: each client trains only its shard's adapter, the served global is their sample-weighted mean, and a forget request retrains only the affected shard (1: one global adapter). Fixed once a data directory holds training.", DefaultValueFactory = _ => Defaults.Shards };
    public Option<double?> NormBound { get; } = new("--norm-bound") { Description = "L2 bound on each client's update (clipped); none by default." };
    public Option<FileInfo?> InitialAdapter { get; } = new("--initial-adapter") { Description = "Safetensors file with the initial global adapter (needed for a fresh data directory)." };
    public Option<FileInfo?> Base { get; } = new("--base") { Description = "The base model from 'fedunlearn pretrain': the architecture and its sha256 are announced from it, and the initial adapter is built from it." };
    public Option<string> Architecture { get; } = new("--model") { Description = "Model architecture clients build, when there is no --base: mlp, cnn or vit.", DefaultValueFactory = _ => "mlp" };
    public Option<string> InputShape { get; } = new("--input-shape") { Description = "Shape of one input sample, comma-separated.", DefaultValueFactory = _ => "1,28,28" };
    public Option<int> Classes { get; } = new("--classes") { Description = "Number of output classes.", DefaultValueFactory = _ => 10 };
    public Option<int> LoraRank { get; } = new("--lora-rank") { Description = "LoRA rank r.", DefaultValueFactory = _ => 4 };
    public Option<double> LoraAlpha { get; } = new("--lora-alpha") { Description = "LoRA scale numerator alpha.", DefaultValueFactory = _ => 8 };
    public Option<string?> LoraTargets { get; } = new("--lora-targets") { Description = "Comma-separated linear layers carrying an adapter (default: the architecture's)." };
    public Option<long> LoraInitSeed { get; } = new("--lora-init-seed") { Description = "Seed of A in the initial adapter built from --base (B = 0).", DefaultValueFactory = _ => 0 };
    public Option<int> LocalEpochs { get; } = new("--local-epochs") { Description = "Local epochs per training task.", DefaultValueFactory = _ => (int)Defaults.HyperParameters.LocalEpochs };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Local mini-batch size.", DefaultValueFactory = _ => (int)Defaults.HyperParameters.BatchSize };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "Local learning rate.", DefaultValueFactory = _ => Defaults.HyperParameters.LearningRate };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of client sampling and training seeds.", DefaultValueFactory = _ => 0 };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log debug details." };

    public void AddTo(Command command)
    {
        Strategy.AcceptOnlyFromAmong([.. StrategyNames.All]);
        Architecture.AcceptOnlyFromAmong("mlp", "cnn", "vit", "vit-tiny");
        foreach (var option in new Option[] { DataDir, Address, Port, Cert, CertPassword, AdminToken, Name, MinClients, MinUpdates, ClientsPerRound,
            Rounds, TrainingPaused, RoundDeadline, MaxFailedRounds, Strategy, Shards, NormBound, InitialAdapter, Base, Architecture, InputShape, Classes, LoraRank, LoraAlpha, LoraTargets, LoraInitSeed,
            LocalEpochs, BatchSize, LearningRate, Seed, Verbose })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The server options; <see cref="FederationServerOptions.Validate"/> runs when the server is created.</summary>
    public FederationServerOptions Bind(ParseResult p)
    {
        if (!IPAddress.TryParse(p.GetValue(Address), out var address)) throw new CliException($"--address '{p.GetValue(Address)}' is not an IP address.");
        if (p.GetValue(TrainingPaused) && p.GetValue(Rounds) != 0)
            throw new CliException("--rounds counts training rounds, and --training-paused starts none: give one or the other.");
        return new FederationServerOptions
        {
            DataDirectory = p.GetValue(DataDir)!.FullName,
            Address = address,
            Port = p.GetValue(Port),
            CertificatePath = p.GetValue(Cert)?.FullName,
            CertificatePassword = p.GetValue(CertPassword),
            AdminToken = CliOptions.RequireToken(p, AdminToken, CliOptions.AdminTokenVariable),
            FederationName = p.GetValue(Name)!,
            MinClients = p.GetValue(MinClients),
            MinUpdates = p.GetValue(MinUpdates),
            ClientsPerRound = p.GetValue(ClientsPerRound),
            Rounds = p.GetValue(Rounds),
            TrainingPaused = p.GetValue(TrainingPaused),
            RoundDeadline = p.GetValue(RoundDeadline),
            MaxFailedRounds = p.GetValue(MaxFailedRounds),
            Strategy = p.GetValue(Strategy)!,
            Shards = p.GetValue(Shards),
            NormBound = p.GetValue(NormBound),
            InitialAdapterPath = p.GetValue(InitialAdapter)?.FullName,
            Seed = p.GetValue(Seed),
            Model = Model(p),
            HyperParameters = new HyperParameters
            {
                LocalEpochs = Positive(p, LocalEpochs), BatchSize = Positive(p, BatchSize),
                LearningRate = p.GetValue(LearningRate), Optimizer = Defaults.HyperParameters.Optimizer,
            },
        };
    }

    private ModelSpec Model(ParseResult p)
    {
        var spec = new ModelSpec
        {
            Architecture = p.GetValue(Architecture)!,
            NumClasses = (uint)Positive(p, Classes),
            Lora = new LoraSpec { Rank = (uint)Positive(p, LoraRank), Alpha = p.GetValue(LoraAlpha), FreezeA = p.GetValue(Strategy) == StrategyNames.ExactLora },
        };
        foreach (var part in p.GetValue(InputShape)!.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
                throw new CliException($"--input-shape '{p.GetValue(InputShape)}' must be positive integers separated by commas, e.g. 1,28,28.");
            spec.InputShape.Add(size);
        }

        if (p.GetValue(LoraTargets) is { Length: > 0 } targets) spec.Lora.TargetModules.AddRange(targets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return spec;
    }

    private static uint Positive(ParseResult p, Option<int> option) =>
        p.GetValue(option) is var value && value > 0 ? (uint)value : throw new CliException($"{option.Name} must be positive (got {value}).");
}
