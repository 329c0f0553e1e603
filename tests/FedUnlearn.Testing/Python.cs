using System.Collections.Concurrent;
using System.Diagnostics;

namespace FedUnlearn.Testing;

/// <summary>
/// Runs scripts with Debian's /usr/bin/python3 (with python3-torch, -protobuf, -cryptography from
/// scripts/prereqs.sh), the independent reference in interop tests. Plain <c>python3</c> on PATH may be
/// another interpreter without those packages, so the path is fixed.
/// </summary>
public static class Python
{
    /// <summary>The interpreter every interop test uses.</summary>
    public const string Path = "/usr/bin/python3";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<string, bool> Modules = new(StringComparer.Ordinal);

    /// <summary>True when <see cref="Path"/> exists.</summary>
    public static bool IsAvailable => File.Exists(Path);

    /// <summary>True when the interpreter exists and can find module <paramref name="module"/> (checked once, without importing it).</summary>
    public static bool HasModule(string module)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        return IsAvailable && Modules.GetOrAdd(module, Probe);
    }

    /// <summary>Runs <paramref name="script"/> (fed on stdin) with <paramref name="args"/>; returns stdout.</summary>
    /// <exception cref="InvalidOperationException">The script exited non-zero (the message carries its stderr).</exception>
    public static Task<string> RunAsync(string script, params string[] args) => RunAsync(script, args, CancellationToken.None);

    /// <summary>Runs <paramref name="script"/> (fed on stdin) with <paramref name="args"/>; returns stdout.</summary>
    /// <exception cref="InvalidOperationException">The script exited non-zero (the message carries its stderr).</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or still running after 60 s; the process is killed.</exception>
    public static async Task<string> RunAsync(string script, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-");
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path} did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ScriptTimeout);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(script.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private static bool Probe(string module)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 1)");
        info.ArgumentList.Add(module);
        using var process = Process.Start(info);
        if (process is null)
        {
            return false;
        }

        // Attribute constructors cannot await: this runs once per module at test discovery.
        if (!process.WaitForExit(ProbeTimeout))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }

        return process.ExitCode == 0;
    }
}
