namespace FedUnlearn.Client.Storage;

/// <summary>What a forget request covers.</summary>
public enum ForgetScopeKind
{
    /// <summary>Samples held by this client; only their count is sent.</summary>
    Samples,

    /// <summary>Every sample of one class label, across the federation.</summary>
    Class,

    /// <summary>Everything a participant contributed: the client leaves the federation.</summary>
    Client,
}
