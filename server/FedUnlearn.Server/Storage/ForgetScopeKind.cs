namespace FedUnlearn.Server.Storage;

/// <summary>What a forget request covers.</summary>
public enum ForgetScopeKind
{
    /// <summary>Samples of the requesting client: only their count is known to the server.</summary>
    Samples = 0,

    /// <summary>Every sample of one class label, across the federation.</summary>
    Class = 1,

    /// <summary>Everything one participant contributed (it leaves).</summary>
    Client = 2,
}
