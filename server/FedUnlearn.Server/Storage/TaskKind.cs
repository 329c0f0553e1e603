namespace FedUnlearn.Server.Storage;

/// <summary>What a task asks a client to do.</summary>
public enum TaskKind
{
    /// <summary>Train the adapter on local data and return an update.</summary>
    Train = 0,

    /// <summary>Evaluate the global adapter and return metrics.</summary>
    Evaluate = 1,

    /// <summary>Run an unlearning method locally and return a corrected adapter.</summary>
    Unlearn = 2,
}
