namespace FedUnlearn.Client.Internal;

/// <summary>Why a connection ended.</summary>
internal enum SessionEndKind
{
    /// <summary>The stream closed or went silent; reconnect.</summary>
    Dropped,

    /// <summary>The server announced a restart (Shutdown with may_reconnect); reconnect.</summary>
    Restart,

    /// <summary>The server removed this client (Shutdown without may_reconnect); stop.</summary>
    Removed,
}
