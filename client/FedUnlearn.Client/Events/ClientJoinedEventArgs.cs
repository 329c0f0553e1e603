namespace FedUnlearn.Client.Events;

/// <summary>The client joined (or re-joined after a reconnect) and its task stream is open.</summary>
/// <param name="ClientId">The id the server knows this node by.</param>
/// <param name="FederationName">The federation's name.</param>
/// <param name="AdapterVersion">The current global adapter version.</param>
/// <param name="SampleCount">Training samples reported (tombstoned ones excluded).</param>
public sealed record ClientJoinedEventArgs(string ClientId, string FederationName, ulong AdapterVersion, int SampleCount);
