namespace FedUnlearn.Cli.Simulation.Orchestration;

/// <summary>
/// A simulation that cannot run or could not finish, for a reason the user can act on (a dataset not
/// installed, a method this build does not have, a campaign the federation failed); the message says which.
/// </summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationException(string message, Exception? innerException = null) : base(message, innerException) { }
}
