using System.Diagnostics;
using FedUnlearn.Learning.Training;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Learning.Unlearning.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>
/// Runs an <see cref="IUnlearningMethod"/> as one all-or-nothing operation: inputs are checked first,
/// the method works on the model's adapter, and the result is committed only when the method
/// succeeded and every adapter value is finite; otherwise the adapter is restored and the error
/// propagates.
/// </summary>
public static class UnlearningRunner
{
    /// <summary>Runs <paramref name="method"/> on <paramref name="context"/> and returns the corrected adapter.</summary>
    /// <exception cref="ArgumentException">Bad input: an empty forget set (unless retain-only), forget data in a retain-only
    /// task, a sample in both sets, no retained or held-out data where the method needs it, data that does not fit the
    /// model (feature length, labels outside the model's classes), or a model without a LoRA adapter. Nothing changed.</exception>
    /// <exception cref="TrainingDivergedException">The method diverged (NaN/∞); the adapter was restored.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the adapter was restored.</exception>
    public static UnlearningOutcome Run(IUnlearningMethod method, UnlearningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(context);
        UnlearningInputChecks.Check(method, context);
        var clock = Stopwatch.StartNew();
        using var snapshot = AdapterSnapshot.Capture(context.Model);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = method.Apply(context, cancellationToken);
            var adapter = context.Model.ToAdapterParameterSet();
            foreach (var tensor in adapter)
            {
                if (!Array.TrueForAll(tensor.Data, float.IsFinite))
                    throw new TrainingDivergedException($"adapter value in '{tensor.Name}' left by method '{method.Name}'", double.NaN, 0, report.Steps, context.Training.LearningRate);
            }

            return new UnlearningOutcome(method.Name, adapter, report.SampleCount, report.Steps, report.Metrics, clock.Elapsed);
        }
        catch
        {
            snapshot.Restore();
            throw;
        }
    }
}
