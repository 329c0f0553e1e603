using System.Diagnostics;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>
/// Runs the python grpcio reference peer (Interop/echo_interop.py). Message modules are generated
/// at test time with Debian's protoc 3.21, which matches python3-protobuf 4.21. Every process
/// started here is killed when done, including on timeouts and failures.
/// </summary>
internal sealed class PythonPeer : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private const string Protoc = "/usr/bin/protoc";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private PythonPeer(string generatedDirectory) => GeneratedDirectory = generatedDirectory;

    public string GeneratedDirectory { get; }

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Interop", "echo_interop.py");

    public static async Task<PythonPeer> CreateAsync()
    {
        foreach (string tool in new[] { Python, Protoc })
        {
            Assert.True(File.Exists(tool), $"{tool} is missing: run scripts/prereqs.sh (python3-grpcio, protobuf-compiler).");
        }

        string directory = Directory.CreateTempSubdirectory("fedunlearn-pb-").FullName;
        string protos = Path.Combine(AppContext.BaseDirectory, "Protos");
        (int code, string output) = await RunAsync(Protoc, ["--python_out=" + directory, "-I", protos, Path.Combine(protos, "echo.proto"), Path.Combine(protos, "health.proto")]);
        Assert.True(code == 0, "protoc failed: " + output);
        return new PythonPeer(directory);
    }

    /// <summary>Runs the python client against <paramref name="address"/>; returns its JSON line.</summary>
    public async Task<string> RunClientAsync(Uri address, string waitId)
    {
        (int code, string output) = await RunAsync(Python, [Script, "client", GeneratedDirectory, $"{address.Host}:{address.Port}", waitId]);
        Assert.True(code == 0, "python client failed: " + output);
        return output.Trim().Split('\n')[^1];
    }

    /// <summary>Starts the python server; dispose the result to stop it.</summary>
    public async Task<PythonServer> StartServerAsync()
    {
        var process = Process.Start(new ProcessStartInfo(Python, [Script, "server", GeneratedDirectory])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var timeout = new CancellationTokenSource(ProcessTimeout);
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
            {
                string error = await process.StandardError.ReadToEndAsync(timeout.Token);
                throw new InvalidOperationException($"python server did not start: {line} {error}");
            }

            return new PythonServer(process, int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(GeneratedDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp files only; a leftover directory is harmless.
        }
    }

    internal static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var timeout = new CancellationTokenSource(ProcessTimeout);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>A running python grpcio server; disposing kills it.</summary>
    internal sealed class PythonServer(Process process, int port) : IDisposable
    {
        public Uri Address { get; } = new($"http://127.0.0.1:{port}");

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close(); // asks the script to stop cleanly
            }
            catch (IOException)
            {
            }

            Kill(process);
            process.Dispose();
        }
    }
}
