using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Batching;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training.Internal;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Evaluation;

/// <summary>
/// Runs a model over datasets in batches, in eval mode and without recording gradients, and turns
/// the outputs into the verification figures of <see cref="Metrics.EvaluationMetrics"/>.
/// </summary>
/// <remarks>Synchronous and thread-bound like training: call it on one thread (inside <c>Task.Run</c> from async code).</remarks>
public static partial class ModelEvaluator
{
    /// <summary>Default samples per forward pass.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>The model's logits (and, with <paramref name="includeFeatures"/>, penultimate features) for every sample of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The data does not fit the model.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between batches.</exception>
    public static ModelOutputs Predict(ClassifierModel model, IDataset data, bool includeFeatures = false,
        int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ModelDataChecks.Fits(model, data, "evaluation");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int n = data.Count, classes = model.NumClasses, dim = checked((int)model.FeatureDim);
        var logits = new float[(long)n * classes];
        var labels = new int[n];
        var ids = new long[n];
        var features = includeFeatures ? new float[(long)n * dim] : null;
        var device = model.parameters().First().device;
        var buffer = new BatchBuffer(Math.Max(1, Math.Min(batchSize, n)), data.FeatureLength);
        var indices = new int[buffer.Capacity];
        long[] shape = [0, .. data.FeatureShape.Select(d => (long)d)];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (var start = 0; start < n; start += buffer.Capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(buffer.Capacity, n - start);
                for (var i = 0; i < count; i++) indices[i] = start + i;
                buffer.Fill(data, indices.AsSpan(0, count));
                for (var i = 0; i < count; i++) labels[start + i] = (int)buffer.Labels[i];
                buffer.Ids.CopyTo(ids.AsSpan(start));
                shape[0] = count;
                using var scope = torch.NewDisposeScope();
                var x = torch.tensor(buffer.Features, shape, device);
                var f = includeFeatures ? model.features(x) : null;
                if (f is not null) CopyFloats(f, features.AsSpan(start * dim, count * dim));
                CopyFloats(f is null ? model.forward(x) : model.classify(f), logits.AsSpan(start * classes, count * classes));
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new ModelOutputs(classes, logits, labels, ids, features, dim);
    }

    private static void CopyFloats(Tensor t, Span<float> destination)
    {
        if (t.dtype == ScalarType.Float32)
        {
            t.CopyTo(destination);
            return;
        }

        using var f32 = t.to(ScalarType.Float32);
        f32.CopyTo(destination);
    }
}
