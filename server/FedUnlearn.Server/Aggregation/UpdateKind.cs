namespace FedUnlearn.Server.Aggregation;

/// <summary>What the parameters of a <see cref="ClientUpdate"/> hold.</summary>
public enum UpdateKind
{
    /// <summary>The change the client made: its trained adapter minus the round's global adapter.</summary>
    Delta = 0,

    /// <summary>The client's trained adapter values themselves.</summary>
    Adapter = 1,
}
