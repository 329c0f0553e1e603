using FedUnlearn.Learning.Training;

namespace FedUnlearn.Learning.Unlearning.Internal;

/// <summary>Turns a training run into a method report's figures, named by the data they describe.</summary>
internal static class TrainingReport
{
    public static Dictionary<string, double> Metrics(TrainingResult result, string data)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["steps"] = result.Steps };
        if (result.Loss is { } loss) metrics[$"{data}_loss"] = loss;
        if (result.Accuracy is { } accuracy) metrics[$"{data}_accuracy"] = accuracy;
        return metrics;
    }
}
