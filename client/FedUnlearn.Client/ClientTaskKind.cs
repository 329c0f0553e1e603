namespace FedUnlearn.Client;

/// <summary>The kinds of work a server sends to a client.</summary>
public enum ClientTaskKind
{
    /// <summary>Train the adapter on local data.</summary>
    Train,

    /// <summary>Run an unlearning method locally for a forget request.</summary>
    Unlearn,

    /// <summary>Measure the adapter on local data; only aggregates are reported.</summary>
    Evaluate,

    /// <summary>A task kind this client version does not know; it answers with an error.</summary>
    Unknown,
}
