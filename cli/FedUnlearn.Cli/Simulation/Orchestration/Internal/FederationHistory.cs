namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// A stopped federation's server directory (store, stored client deltas, audit log) and the tokens
/// its clients were admitted with: a later federation can start on a copy of it and carry on that
/// history with the same clients, as a real aggregator would after a restart.
/// </summary>
internal sealed record FederationHistory(string ServerDirectory, IReadOnlyDictionary<int, string> Tokens)
{
    /// <summary>Copies the server directory into <paramref name="target"/> (which must not exist or be empty).</summary>
    public void CopyTo(string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(ServerDirectory, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(ServerDirectory, directory)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(ServerDirectory, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(ServerDirectory, file)));
    }
}
