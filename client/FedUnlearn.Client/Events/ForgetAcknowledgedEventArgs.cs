using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Events;

/// <summary>The server acknowledged a forget request this node issued.</summary>
/// <param name="RequestId">The local request id (the deduplication key).</param>
/// <param name="TicketId">The server's ticket.</param>
/// <param name="State">The state the server reported.</param>
/// <param name="Duplicate">True when the server had seen the request id before (a resend).</param>
public sealed record ForgetAcknowledgedEventArgs(string RequestId, string TicketId, LocalForgetState State, bool Duplicate);
