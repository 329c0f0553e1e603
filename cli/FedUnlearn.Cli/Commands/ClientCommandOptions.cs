using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Client;

namespace FedUnlearn.Cli.Commands;

/// <summary>The options of <see cref="ClientCommand"/> and how they become <see cref="FederationClientOptions"/>.</summary>
internal sealed class ClientCommandOptions
{
    public Option<string> Server { get; } = CliOptions.Server();
    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The client's bearer token from 'fedunlearn clients add' (default: ${CliOptions.ClientTokenVariable}).",
    };
    public Option<string> Name { get; } = new("--name", "-n") { Description = "The client id the token was issued for.", Required = true };
    public Option<DirectoryInfo> DataDir { get; } = CliOptions.DataDirectory("Directory of the client's store (tombstones, forget requests).");
    public Option<string> Device { get; } = new("--device") { Description = "Compute device: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
    public Option<string> Data { get; } = new("--data") { Description = "Local dataset.", DefaultValueFactory = _ => ClientData.Synthetic };
    public Option<DirectoryInfo?> DataPath { get; } = new("--data-path") { Description = "Directory of the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)." };
    public Option<string> Partition { get; } = new("--partition") { Description = "How the dataset is split across clients.", DefaultValueFactory = _ => "iid" };
    public Option<int> Clients { get; } = new("--clients") { Description = "Number of partitions (clients in the simulated split).", DefaultValueFactory = _ => 1 };
    public Option<int> ClientIndex { get; } = new("--client-index") { Description = "This node's partition, 0-based.", DefaultValueFactory = _ => 0 };
    public Option<double> DirichletAlpha { get; } = new("--dirichlet-alpha") { Description = "Label skew of --partition dirichlet (smaller: more skewed).", DefaultValueFactory = _ => 0.5 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the synthetic data, the public split and the partition (the same on every node and in pretrain).", DefaultValueFactory = _ => 42 };
    public Option<double?> PublicFraction { get; } = new("--public-fraction") { Description = "Leave out the public part 'pretrain --public-fraction' trained the base on (same --seed); partition only the rest." };
    public Option<FileInfo?> Base { get; } = new("--base") { Description = "The federation's base model (from 'fedunlearn pretrain'; default: base.safetensors in --data-dir)." };
    public Option<FileInfo?> Scenario { get; } = new("--scenario")
    {
        Description = "Take the local data from a 'fedunlearn simulate' scenario file instead: partition --client-index of its clients, built as simulate builds it (the federation's own --data, --partition and --seed options do not apply).",
    };
    // simulate --processes separate drives its client processes over standard input and output (see ControlMessages).
    public Option<bool> SimulationControl { get; } = new("--simulation-control") { Hidden = true };
    public Option<FileInfo?> CaCert { get; } = CliOptions.CaCertificate();
    public Option<FileInfo?> ClientCert { get; } = new("--client-cert") { Description = "This node's certificate with private key (.pfx) for mutual TLS." };
    public Option<bool> Insecure { get; } = CliOptions.InsecureSkipVerify();

    public void AddTo(Command command)
    {
        Data.AcceptOnlyFromAmong(ClientData.Synthetic, ClientData.FashionMnistName);
        Partition.AcceptOnlyFromAmong("iid", "dirichlet");
        foreach (var option in new Option[] { Server, Token, Name, DataDir, Device, Data, DataPath, Partition, Clients, ClientIndex,
            DirichletAlpha, Seed, PublicFraction, Base, Scenario, SimulationControl, CaCert, ClientCert, Insecure })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Refuses data options that <c>--scenario</c> replaces, and <c>--simulation-control</c> without it.</summary>
    public void CheckScenarioOptions(ParseResult p)
    {
        var given = new Option[] { Data, DataPath, Partition, Clients, DirichletAlpha, Seed, PublicFraction }
            .Where(o => p.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (p.GetValue(Scenario) is not null && given.Count > 0)
            throw new CliException($"--scenario takes the local data from the scenario; drop {string.Join(", ", given)}.");
        if (p.GetValue(Scenario) is null && p.GetValue(SimulationControl))
            throw new CliException("--simulation-control is for client processes started by 'fedunlearn simulate' and needs --scenario.");
    }

    public FederationClientOptions Bind(ParseResult p)
    {
        var options = new FederationClientOptions
        {
            ServerAddress = CliOptions.ParseAddress(p.GetValue(Server)!),
            Token = CliOptions.RequireToken(p, Token, CliOptions.ClientTokenVariable),
            ClientId = p.GetValue(Name)!,
            DataDirectory = p.GetValue(DataDir)!.FullName,
            Device = p.GetValue(Device)!,
        };
        options.Tls.DangerousAcceptAnyServerCertificateForTesting = p.GetValue(Insecure);
        if (p.GetValue(CaCert) is { } ca) options.Tls.TrustedServerCertificate = AdminConnection.LoadCertificate(ca);
        if (p.GetValue(ClientCert) is { } cert) options.Tls.ClientCertificate = AdminConnection.LoadCertificate(cert);
        return options;
    }
}
