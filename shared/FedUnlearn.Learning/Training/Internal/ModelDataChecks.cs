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

    public static IReadOnlyList<(string Name, FedUnlearn.Torch.Tensor Parameter)> Trainable(ClassifierModel model)
    {
        var trainable = model.named_parameters(trainableOnly: true).ToList();
        if (trainable.Count == 0)
        {
            throw new InvalidOperationException(
                $"{model.GetType().Name} has no trainable parameter: inject a LoRA adapter (ModelSpec.LoRA) or unfreeze some parameters.");
        }

        return trainable;
    }
}
