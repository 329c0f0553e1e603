using System.Diagnostics;

namespace FedUnlearn.Torch.Tests.Support;

/// <summary>Runs a script with Debian's /usr/bin/python3 (with python3-torch), the independent reference in interop tests.</summary>
internal static class Python
{
    public const string Path = "/usr/bin/python3";

    public static bool IsAvailable => File.Exists(Path);

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>; returns stdout, fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-");
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"python3 exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
