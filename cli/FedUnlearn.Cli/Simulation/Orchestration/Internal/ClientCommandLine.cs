using System.Diagnostics;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// How to start this very <c>fedunlearn</c> as a child process: through the <c>dotnet</c> host that runs
/// this process (<c>dotnet fedunlearn.dll</c>, also when the CLI is loaded by a test host), else the
/// executable that is this process (the apphost or a single-file app), else <c>dotnet fedunlearn.dll</c>
/// with the SDK's host or the one on the PATH.
/// </summary>
internal static class ClientCommandLine
{
    /// <summary>The entry assembly of the CLI, wherever it was loaded from.</summary>
    public static string CliAssembly => typeof(CliApp).Assembly.Location;

    /// <summary>A start info for <c>fedunlearn <paramref name="arguments"/></c> in the current directory.</summary>
    public static ProcessStartInfo Create(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (file, prefix) = Host();
        var start = new ProcessStartInfo(file) { UseShellExecute = false, WorkingDirectory = Environment.CurrentDirectory };
        foreach (var argument in prefix.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }

    private static (string File, string[] Prefix) Host()
    {
        var self = Environment.ProcessPath;
        // A single-file app has no assembly path: the executable is the CLI.
        if (CliAssembly.Length == 0 && self is not null) return (self, []);
        if (self is not null && IsDotnet(self)) return (self, [CliAssembly]);
        if (self is not null && string.Equals(Path.GetFileNameWithoutExtension(self), Path.GetFileNameWithoutExtension(CliAssembly), StringComparison.OrdinalIgnoreCase))
            return (self, []);
        // The SDK sets DOTNET_HOST_PATH for the processes it starts (dotnet test, dotnet run).
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return (host, [CliAssembly]);
        return ("dotnet", [CliAssembly]);
    }

    private static bool IsDotnet(string path) => string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase);
}
