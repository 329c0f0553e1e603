using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;
using FedUnlearn.Torch.Optim.Schedulers;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>The optimizer, schedule and running figures of one <see cref="TrainingLoop"/> run.</summary>
internal sealed class RunState : IDisposable
{
    private readonly ClassifierModel _model;
    private readonly IReadOnlyList<(string Name, Tensor Parameter)> _parameters;
    private readonly Tensor[] _tensors;
    private readonly TrainingOptions _options;
    private readonly TrainingHooks? _hooks;
    private readonly int _total;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly Optimizer _optimizer;
    private readonly LRScheduler? _scheduler;
    private readonly List<double> _epochLosses = [];
    private double _lossSum;
    private long _lossSamples;
    private long _correct;
    private long _counted;

    public RunState(ClassifierModel model, IReadOnlyList<(string Name, Tensor Parameter)> parameters, TrainingOptions options,
        TrainingHooks? hooks, int total, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        (_model, _parameters, _options, _hooks, _total, _progress, _cancellationToken) =
            (model, parameters, options, hooks, total, progress, cancellationToken);
        _tensors = [.. parameters.Select(p => p.Parameter)];
        _optimizer = OptimizerSetup.Create(options, _tensors);
        _scheduler = OptimizerSetup.Schedule(options, _optimizer, total);
    }

    public int Step { get; private set; }

    public void Epoch(BatchStream stream, EpochPlan plan, int epoch, TrainingObjective objective)
    {
        (_lossSum, _lossSamples, _correct, _counted) = (0, 0, 0, 0);
        foreach (var indices in plan.Batches())
        {
            if (Step >= _total) break;
            _cancellationToken.ThrowIfCancellationRequested();
            var lr = _optimizer.param_groups[0].LearningRate;
            var loss = RunStep(stream, indices, epoch, lr, objective);
            _scheduler?.step();
            Step++;
            _progress?.Report(new TrainingProgress(epoch, Step, _total, loss, lr));
        }

        if (_lossSamples > 0) _epochLosses.Add(_lossSum / _lossSamples);
    }

    public void CheckParametersFinite()
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in _parameters)
        {
            using var finite = p.isfinite();
            using var all = finite.all();
            if (!all.item<bool>())
                throw new TrainingDivergedException($"parameter '{name}'", double.NaN, Math.Max(0, _epochLosses.Count - 1), Math.Max(0, Step - 1), _optimizer.param_groups[0].LearningRate);
        }
    }

    public TrainingResult Result(int sampleCount, TimeSpan elapsed) => new(
        Step,
        sampleCount,
        _epochLosses.Count > 0 ? _epochLosses[^1] : null,
        _counted > 0 ? (double)_correct / _counted : null,
        _epochLosses,
        elapsed);

    public void Dispose() => _optimizer.Dispose();

    private double RunStep(BatchStream stream, int[] indices, int epoch, double lr, TrainingObjective objective)
    {
        using var scope = torch.NewDisposeScope();
        var batch = stream.Load(indices);
        var step = new StepContext(_model, _parameters, batch, epoch, Step, _total, lr);
        _optimizer.zero_grad();
        var loss = objective.Loss(step);
        if (loss.numel() != 1)
            throw new InvalidOperationException($"{objective.GetType().Name}.Loss returned shape [{string.Join(", ", loss.shape)}]; a loss must be a scalar.");
        var value = loss.item<double>();
        if (!double.IsFinite(value)) throw new TrainingDivergedException("loss", value, epoch, Step, lr);
        _lossSum += value * batch.Count;
        _lossSamples += batch.Count;
        _correct += step.Correct;
        _counted += step.Counted;
        if (step.Skipped) return value;

        loss.backward();
        _hooks?.AfterBackward?.Invoke(step);
        if (_options.ClipNorm is { } clip)
        {
            var norm = torch.nn.utils.clip_grad_norm_(_tensors, clip);
            if (!double.IsFinite(norm)) throw new TrainingDivergedException("gradient norm", norm, epoch, Step, lr);
        }

        _optimizer.step();
        _hooks?.AfterStep?.Invoke(step);
        return value;
    }
}
