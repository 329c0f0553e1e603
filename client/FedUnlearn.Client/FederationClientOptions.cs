using FedUnlearn.Learning.Unlearning.Amnesiac;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Client;

/// <summary>
/// Everything a <see cref="FederationClient"/> needs: which server, who it is, where it keeps its
/// state, what it computes on, and how hard it tries when the network misbehaves. Checked by
/// <see cref="Validate"/> when the client is created.
/// </summary>
public sealed partial class FederationClientOptions
{
    /// <summary>The aggregator, e.g. <c>https://fl.example.org:7443</c>; <c>http://</c> only on loopback (tests, simulation). Required.</summary>
    public Uri? ServerAddress { get; set; }

    /// <summary>The bearer token the operator issued (<c>fedunlearn clients add NAME</c> prints it once). Required.</summary>
    public string Token { get; set; } = "";

    /// <summary>The client id the token was issued for (the NAME given to <c>fedunlearn clients add</c>). Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Name shown to operators; defaults to <see cref="ClientId"/>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Directory of the durable client store (tombstones, forget requests, node state); created when missing. Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Compute device reported to the server and handed to the learner: <c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Unlearning methods this node can run, reported at Join; empty means every built-in one.</summary>
    public IList<string> Methods { get; } = [];

    /// <summary>
    /// The node's amnesiac journal (in <c>amnesiac/</c> of <see cref="DataDirectory"/>): every training task's batch
    /// updates with their sample ids, kept for <see cref="AmnesiacJournalOptions.MaxRounds"/> rounds and at most
    /// <see cref="AmnesiacJournalOptions.MaxBytes"/> bytes, so the node can take part in <c>amnesiac</c> forget
    /// campaigns. Null records nothing (amnesiac requests of this node then fail).
    /// </summary>
    public AmnesiacJournalOptions? Amnesiac { get; set; } = new();

    /// <summary>Certificates and the (test-only) validation override.</summary>
    public ClientTlsOptions Tls { get; } = new();

    /// <summary>Retries, timeouts, circuit breaker and reconnect backoff.</summary>
    public ClientResilienceOptions Resilience { get; } = new();

    /// <summary>Global adapter versions kept in memory, so tasks on the same version download it once (default 2).</summary>
    public int AdapterCacheSize { get; set; } = 2;

    /// <summary>Clock of deadlines, heartbeats and backoff delays (fake it in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal string EffectiveDisplayName => string.IsNullOrWhiteSpace(DisplayName) ? ClientId : DisplayName;
}
