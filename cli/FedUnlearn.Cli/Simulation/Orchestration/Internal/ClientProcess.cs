using System.Diagnostics;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// One client running as its own OS process (<c>fedunlearn client ... --simulation-control</c>): starts it,
/// reads its protocol lines (<see cref="ControlMessages"/>) and hands them to <c>onEvent</c> (which must not block),
/// answers turns, keeps the tail of its error output, and turns an exit nobody asked for into a
/// <see cref="SimulationException"/> naming the client. Stopping closes its input (the client ends by
/// itself) and kills the process tree after <see cref="StopGrace"/>; disposing kills whatever still runs.
/// </summary>
internal sealed partial class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Action<ClientProcess, ControlEvent> _onEvent;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _cancelled;
    private readonly Lock _inputGate = new();
    private Task _watching = Task.CompletedTask;

    public ClientProcess(int index, string name, ProcessStartInfo start, Action<ClientProcess, ControlEvent> onEvent, CancellationToken cancellationToken)
    {
        Index = index;
        Name = name;
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // No byte-order mark in front of the first protocol line.
        start.StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        _process = new Process { StartInfo = start };
        _onEvent = onEvent;
        _cancelled = cancellationToken;
    }

    /// <summary>How long a stopped client may take to end by itself before it is killed.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The simulated client's index.</summary>
    public int Index { get; }

    /// <summary>Its client id, e.g. <c>client-002</c>.</summary>
    public string Name { get; }

    /// <summary>Faults with a <see cref="SimulationException"/> when the process ends before it is stopped (cancelled when the simulation was).</summary>
    public Task Failed => _failed.Task;

    /// <summary>The exit code once the process has ended (non-zero when it was killed); null before.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public void Start()
    {
        try
        {
            _process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new SimulationException($"Client {Index} ({Name}): cannot start '{_process.StartInfo.FileName}': {ex.Message}", ex);
        }

        _watching = WatchAsync();
    }

    /// <summary>Lets the ready client open its store and connect.</summary>
    public void Release() => WriteLine(ControlMessages.Run);

    /// <summary>Lets the client send its result of <paramref name="round"/>.</summary>
    public void Go(long round) => WriteLine(ControlMessages.Go(round));

    /// <summary>Closes the client's input (it stops by itself), then kills it if it has not ended after <see cref="StopGrace"/>.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_inputGate)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // Never started, or already gone.
            }
        }

        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await _watching.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
        _stopping.Dispose();
    }

    private void WriteLine(string line)
    {
        lock (_inputGate)
        {
            if (_stopping.IsCancellationRequested) return;
            try
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // The process is gone; WatchAsync reports why.
            }
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
