using System.Globalization;
using FedUnlearn.Cli.Common;
using FedUnlearn.Learning.Training;
using Spectre.Console;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// Training progress of <c>pretrain</c>, reported synchronously on the training thread: a Spectre
/// progress bar on a terminal, one line per finished epoch otherwise (logs, pipes, tests).
/// </summary>
internal sealed class PretrainProgress(CliConsole console, int epochs, ProgressTask? bar) : IProgress<TrainingProgress>
{
    private int _epoch;
    private double _lossSum;
    private int _steps;

    /// <summary>Runs <paramref name="train"/> with a progress bar when the output is a terminal, else with plain epoch lines.</summary>
    public static Task<T> RunAsync<T>(CliConsole console, int epochs, Func<IProgress<TrainingProgress>, T> train)
    {
        if (!console.Ansi.Profile.Capabilities.Interactive)
            return Task.Run(() => Finish(new PretrainProgress(console, epochs, null), train));
        return console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => Task.Run(() => Finish(new PretrainProgress(console, epochs, context.AddTask("Pretraining")), train)));
    }

    public void Report(TrainingProgress value)
    {
        if (value.Epoch != _epoch) EndEpoch();
        (_epoch, _lossSum, _steps) = (value.Epoch, _lossSum + value.Loss, _steps + 1);
        if (bar is null) return;
        bar.MaxValue = Math.Max(1, value.TotalSteps);
        bar.Value = value.Step;
        bar.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch + 1}/{epochs}, loss {value.Loss:F4}");
    }

    private static T Finish<T>(PretrainProgress progress, Func<IProgress<TrainingProgress>, T> train)
    {
        var result = train(progress);
        progress.EndEpoch();
        return result;
    }

    private void EndEpoch()
    {
        if (_steps == 0) return;
        if (bar is null) console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {_epoch + 1}/{epochs}: mean loss {_lossSum / _steps:F4}"));
        (_lossSum, _steps) = (0, 0);
    }
}
