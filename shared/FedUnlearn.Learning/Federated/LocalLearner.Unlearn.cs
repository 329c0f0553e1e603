using System.Diagnostics;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Federated.Internal;
using FedUnlearn.Learning.Unlearning;

namespace FedUnlearn.Learning.Federated;

public sealed partial class LocalLearner
{
    /// <inheritdoc />
    /// <remarks>
    /// The method and its options are checked before anything else. Forget role: class scope forgets
    /// this node's samples of <see cref="LocalUnlearnSettings.ForgetClass"/>; sample scope forgets the
    /// samples of <see cref="LocalUnlearnSettings.ForgetRequestIds"/>, resolved through
    /// <see cref="LocalLearnerOptions.ForgetSamples"/>. Retain role: the method's retain-side update on
    /// the live data outside the forgotten class. On failure the model keeps the global adapter.
    /// </remarks>
    /// <exception cref="ArgumentException">Unknown method or option, bad scope, unknown request or sample id, an adapter that
    /// does not fit, or inputs the method cannot work with (see <see cref="UnlearningRunner.Run"/>).</exception>
    public async Task<LocalTrainResult> UnlearnAsync(ParameterSet globalAdapter, LocalUnlearnSettings settings,
        IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalAdapter);
        ArgumentNullException.ThrowIfNull(settings);
        var method = _methods.Create(settings.Method, settings.Options);
        var training = settings.Training.ToTrainingOptions(_options.TrainingDefaults);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var forgetIds = await ResolveForgetIdsAsync(settings, cancellationToken).ConfigureAwait(false);
            if (_options.Amnesiac is { } journal) await journal.OpenAsync(cancellationToken).ConfigureAwait(false);
            var result = await Task.Run(() => Unlearn(method, globalAdapter, settings, forgetIds, training, progress, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            // What an amnesiac subtraction claimed is durable before its result leaves the node.
            if (_options.Amnesiac is { } written) await written.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<IReadOnlyCollection<long>?> ResolveForgetIdsAsync(LocalUnlearnSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Role != UnlearnRole.Forget || settings.ForgetRequestIds.Count == 0) return null;
        if (_options.ForgetSamples is null)
            throw new InvalidOperationException("Sample-scope unlearning needs LocalLearnerOptions.ForgetSamples to resolve forget requests to sample ids.");
        return await _options.ForgetSamples.GetSampleIdsAsync(settings.ForgetRequestIds, cancellationToken).ConfigureAwait(false);
    }

    private LocalTrainResult Unlearn(IUnlearningMethod method, ParameterSet globalAdapter, LocalUnlearnSettings settings,
        IReadOnlyCollection<long>? forgetIds, Training.TrainingOptions training, IProgress<LocalProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (forget, retain) = LocalSets.ForUnlearning(_data, _tombstones, _model.NumClasses, settings.Role, settings.ForgetClass, forgetIds);
        LoadAdapter(globalAdapter);
        var context = new UnlearningContext
        {
            Model = _model,
            Forget = forget,
            Retain = retain,
            HeldOut = _options.TestData,
            Tombstones = _tombstones,
            RetainOnly = settings.Role == UnlearnRole.Retain,
            ForgetClass = settings.ForgetClass,
            Training = training,
            Progress = ProgressMap.For(progress),
        };
        var outcome = UnlearningRunner.Run(method, context, cancellationToken);
        var metrics = new Dictionary<string, double>(outcome.Metrics, StringComparer.Ordinal)
        {
            ["forget_count"] = context.ForgetCount,
            ["retain_count"] = retain.Count,
        };
        return new LocalTrainResult(outcome.Adapter, outcome.SampleCount, metrics, clock.Elapsed);
    }
}
