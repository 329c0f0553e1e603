using System.Diagnostics;
using System.Globalization;

namespace FedUnlearn.Bench.Rpc;

/// <summary>
/// CPU time (user + system) of this client and, on Linux, of the server process over the
/// streaming rounds: CPU per MiB is steadier than wall time when other work shares the machine.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int _serverPid;
    private readonly TimeSpan _clientStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double _serverStart;

    public CpuMeter(int serverPid)
    {
        _serverPid = serverPid;
        _serverStart = ServerSeconds();
    }

    /// <summary><c>client_ms_per_mib=.. server_ms_per_mib=..</c> (the server's only with its pid).</summary>
    public string Report(int mebibytes)
    {
        double client = (Process.GetCurrentProcess().TotalProcessorTime - _clientStart).TotalMilliseconds / mebibytes;
        string text = string.Create(CultureInfo.InvariantCulture, $"client_ms_per_mib={client:F3}");
        return _serverPid > 0
            ? text + string.Create(CultureInfo.InvariantCulture, $" server_ms_per_mib={(ServerSeconds() - _serverStart) * 1000 / mebibytes:F3}")
            : text;
    }

    // Fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks (100 per second on Linux).
    private double ServerSeconds()
    {
        if (_serverPid <= 0)
        {
            return 0;
        }

        string stat = File.ReadAllText($"/proc/{_serverPid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
