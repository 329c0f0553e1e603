using System.Text;
using FedUnlearn.Cli.Common;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

internal sealed partial class ClientProcess
{
    private const int TailLines = 20;
    private static readonly TimeSpan InterruptionGrace = TimeSpan.FromSeconds(2);
    private readonly Queue<string> _errorTail = new();

    /// <summary>The last lines the process wrote to its error output.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_errorTail) return string.Join(Environment.NewLine, _errorTail);
        }
    }

    /// <summary>Reads both outputs to their end, then settles <see cref="Failed"/>: stopped, cancelled, or died on its own.</summary>
    private async Task WatchAsync()
    {
        var errors = ReadErrorsAsync();
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                // Anything but protocol lines (there should be none) is dropped: the error output is what explains a failure.
                if (ControlMessages.TryParse(line, out var message)) _onEvent(this, message);
            }
        }
        catch (IOException)
        {
            // The pipe broke: the process is gone.
        }

        await errors.ConfigureAwait(false);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        if (_process.ExitCode == CommandAction.Interrupted && !_stopping.IsCancellationRequested) await InterruptionAsync().ConfigureAwait(false);
        if (_stopping.IsCancellationRequested) _failed.TrySetResult();
        else if (_cancelled.IsCancellationRequested) _failed.TrySetCanceled(_cancelled);
        else _failed.TrySetException(new SimulationException(DescribeExit()));
    }

    // Ctrl+C in a terminal reaches the whole process group: a client may end on it a moment before the simulation's own cancellation fires.
    private async Task InterruptionAsync()
    {
        try
        {
            await Task.Delay(InterruptionGrace, _cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The simulation was interrupted too.
        }
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_errorTail)
                {
                    _errorTail.Enqueue(line);
                    if (_errorTail.Count > TailLines) _errorTail.Dequeue();
                }
            }
        }
        catch (IOException)
        {
        }
    }

    private string DescribeExit()
    {
        var text = new StringBuilder($"Client {Index} ({Name}, process {_process.Id}) exited with code {_process.ExitCode} before the simulation stopped it.");
        var tail = ErrorTail;
        text.Append(tail.Length == 0 ? " It wrote nothing to its error output." : $" The end of its error output:{Environment.NewLine}{tail}");
        return text.ToString();
    }
}
