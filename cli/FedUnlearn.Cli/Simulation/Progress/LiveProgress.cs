using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Reports;
using Spectre.Console;

namespace FedUnlearn.Cli.Simulation.Progress;

/// <summary>Progress bars in a terminal: the setup stages, the training rounds, and one bar per method's campaign.</summary>
internal sealed class LiveProgress : ISimulationProgress
{
    private readonly ProgressContext _context;
    private readonly int _rounds;
    private ProgressTask? _training;
    private readonly Dictionary<(int, string), ProgressTask> _campaigns = [];
    private ProgressTask? _stage;

    private LiveProgress(ProgressContext context, int rounds)
    {
        _context = context;
        _rounds = rounds;
    }

    /// <summary>Runs <paramref name="run"/> under live progress bars and returns its result.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, int rounds, Func<ISimulationProgress, Task<T>> run) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(context => run(new LiveProgress(context, rounds)));

    public void Stage(string description)
    {
        EndStage();
        _stage = _context.AddTask(Markup.Escape(description), maxValue: 1);
        _stage.IsIndeterminate = true;
    }

    public void RoundCompleted(int round, int totalRounds, double wallSeconds)
    {
        EndStage();
        // Added at the first round, so that the bar sits below the setup stages.
        _training ??= _context.AddTask("Training rounds", maxValue: totalRounds);
        _training.Value = round;
        _training.Description = $"Training round {round}/{totalRounds}";
    }

    public void RoundsEvaluated(IReadOnlyList<RoundRecord> rounds)
    {
        if (_training is null) return;
        if (rounds.LastOrDefault() is { TestAccuracy: { } accuracy } last)
            _training.Description = $"Training round {last.Round}/{_rounds} · test {Format(accuracy)}";
        if (_training.Value >= _training.MaxValue) _training.StopTask();
    }

    public void CampaignStarted(int request, string method, int rounds)
    {
        EndStage();
        var task = _context.AddTask(Markup.Escape($"Request {request + 1} · {method}"), maxValue: rounds);
        _campaigns[(request, method)] = task;
    }

    public void CampaignRoundCompleted(int request, string method, int round, int rounds)
    {
        if (_campaigns.TryGetValue((request, method), out var task)) task.Value = round;
    }

    public void CampaignCompleted(int request, MethodResult result)
    {
        if (!_campaigns.TryGetValue((request, result.Method), out var task)) return;
        task.Value = task.MaxValue;
        task.Description = Markup.Escape($"Request {request + 1} · {result.Method} · forget {Format(result.ForgetAccuracy)} · test {Format(result.TestAccuracy)}");
        task.StopTask();
    }

    private void EndStage()
    {
        if (_stage is null) return;
        _stage.IsIndeterminate = false;
        _stage.Value = 1;
        _stage.StopTask();
        _stage = null;
    }

    private static string Format(double? value) =>
        value is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";
}
