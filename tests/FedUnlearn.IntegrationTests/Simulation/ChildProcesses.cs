using System.Globalization;

namespace FedUnlearn.IntegrationTests.Simulation;

/// <summary>The client processes a simulation in this test process started and that are still alive (Linux: read from /proc; elsewhere none).</summary>
internal static class ChildProcesses
{
    public static List<int> SimulationClients() => [.. CommandLines().Select(c => c.Pid)];

    /// <summary>Those processes with their command lines.</summary>
    public static List<(int Pid, string[] Arguments)> CommandLines()
    {
        var children = new List<(int, string[])>();
        if (!OperatingSystem.IsLinux()) return children;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // stat: "pid (name) state ppid ...": the name may hold spaces, so read after its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (parent == Environment.ProcessId && arguments.Contains("--simulation-control")) children.Add((pid, arguments));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or is not ours to read.
            }
        }

        return children;
    }
}
