namespace FedUnlearn.Server.Rounds;

/// <summary>How a round ended.</summary>
public enum RoundOutcome
{
    /// <summary>Enough updates were accepted; the new global version is stored.</summary>
    Committed,

    /// <summary>Too few updates; the global adapter is unchanged and a new round follows.</summary>
    Abandoned,

    /// <summary>An evaluation round closed with enough reports; the global adapter is unchanged by design.</summary>
    Evaluated,
}
