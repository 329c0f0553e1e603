using FedUnlearn.Client;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The client process's end of <see cref="ControlMessages"/>: reports task events and ready results on
/// its output, releases a result when <c>go</c> arrives on its input, and
/// signals <see cref="Closed"/> when the input ends (the simulation stopped this client, or died).
/// </summary>
internal sealed class ControlChannel
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TaskCompletionSource> _turns = [];
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _run = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ControlChannel(TextReader input, TextWriter output)
    {
        _output = output;
        // Console input has no truly asynchronous read: a background thread blocks on it instead of a pool thread.
        new Thread(() => Read(input)) { IsBackground = true, Name = "simulation control" }.Start();
    }

    /// <summary>Cancelled when the simulation closes this client's input.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Says the node is ready, then waits for the simulation's <c>run</c>.</summary>
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        Send(ControlMessages.Ready());
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        await _run.Task.WaitAsync(either.Token).ConfigureAwait(false);
    }

    /// <summary>Reports <paramref name="client"/>'s joins, task starts and acknowledged results.</summary>
    public void Attach(FederationClient client)
    {
        client.Joined += (_, _) => Send(ControlMessages.Joined());
        client.TaskStarted += (_, e) => Send(ControlMessages.Started((long)e.Round, e.Kind, e.TaskId));
        client.TaskSubmitted += (_, e) => Send(ControlMessages.Submitted(e.TaskId));
    }

    /// <summary>Reports a ready result of <paramref name="round"/> and waits until the simulation says it is this client's turn.</summary>
    public async Task HandOverAsync(long round, int samples, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_gate)
        {
            if (!_turns.TryGetValue(round, out turn!)) _turns[round] = turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Send(ControlMessages.Turn(round, samples));
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        await turn.Task.WaitAsync(either.Token).ConfigureAwait(false);
        lock (_gate) _turns.Remove(round);
    }

    private void Send(string line)
    {
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private void Read(TextReader input)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (line == ControlMessages.Run) _run.TrySetResult();
                if (!ControlMessages.TryParseGo(line, out var round)) continue;
                lock (_gate)
                {
                    if (!_turns.TryGetValue(round, out var turn)) _turns[round] = turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    turn.TrySetResult();
                }
            }
        }
        catch (IOException)
        {
            // A broken pipe ends the input like end-of-file.
        }
        catch (ObjectDisposedException)
        {
        }

        // Never disposed: the process ends soon after, and the token must stay readable until then.
        _closed.Cancel();
    }
}
