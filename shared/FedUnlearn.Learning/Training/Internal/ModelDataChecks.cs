using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Learning.Training.Internal;

/// <summary>Checks that a dataset fits a model before any work starts, with messages that name both.</summary>
internal static class ModelDataChecks
{
    public static void Fits(ClassifierModel model, IDataset data, string role)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var spec = model.Spec;
        var input = spec.InputChannels * spec.ImageSize * spec.ImageSize;
        if (data.FeatureLength != input)
        {
            throw new ArgumentException(
                $"The {role} data '{data.Name}' has {data.FeatureLength} floats per sample (shape [{string.Join(", ", data.FeatureShape)}]), "
                + $"but the model takes {input} ({spec.InputChannels}×{spec.ImageSize}×{spec.ImageSize}).", nameof(data));
        }

        for (var i = 0; i < data.Count; i++)
        {
            var label = data.GetLabel(i);
            if ((ulong)label >= (ulong)model.NumClasses)
            {
                throw new ArgumentException(
                    $"The {role} data '{data.Name}' holds sample id {data.GetId(i)} with label {label}, outside the model's classes 0..{model.NumClasses - 1}.",
                    nameof(data));
            }
        }
    }

    public static IReadOnlyList<(string Name, FedUnlearn.Torch.Tensor Parameter)> Trainable(ClassifierModel model) =>
        Trainable(model, []);

    /// <summary>The trainable parameters except those named in <paramref name="frozen"/>, each of which must exist.</summary>
    /// <exception cref="ArgumentException">A frozen name is not a parameter of the model.</exception>
    /// <exception cref="InvalidOperationException">Nothing is left to train.</exception>
    public static IReadOnlyList<(string Name, FedUnlearn.Torch.Tensor Parameter)> Trainable(ClassifierModel model, IReadOnlyCollection<string> frozen)
    {
        if (frozen.Count > 0)
        {
            var known = model.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
            var unknown = frozen.Where(n => !known.Contains(n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"Cannot freeze {string.Join(", ", unknown.Take(5).Select(n => $"'{n}'"))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "")}: "
                    + $"{model.GetType().Name} has no parameter by that name (its trainable parameters: "
                    + $"{string.Join(", ", model.named_parameters(trainableOnly: true).Select(p => p.name).Take(8))}...).", nameof(frozen));
            }
        }

        var names = frozen as IReadOnlySet<string> ?? frozen.ToHashSet(StringComparer.Ordinal);
        var trainable = model.named_parameters(trainableOnly: true).Where(p => !names.Contains(p.name)).ToList();
        if (trainable.Count == 0)
        {
            throw new InvalidOperationException(frozen.Count == 0
                ? $"{model.GetType().Name} has no trainable parameter: inject a LoRA adapter (ModelSpec.LoRA) or unfreeze some parameters."
                : $"{model.GetType().Name} has no trainable parameter left once the {frozen.Count} frozen one(s) are held fixed.");
        }

        return trainable;
    }
}
