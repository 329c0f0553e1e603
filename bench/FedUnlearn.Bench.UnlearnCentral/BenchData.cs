using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// Fashion-MNIST, standardised with its global statistics and split once: a stratified public 10% of
/// train (the base model's pretraining data), a stratified held-out validation split (∇τ's τ), and the
/// rest of train (the LoRA fine-tune data every scenario starts from); the test split as it is.
/// </summary>
internal sealed record BenchData(IDataset Public, IDataset Validation, IDataset FineTune, IDataset Test)
{
    public const double PublicFraction = 0.10;

    public const int ValidationPerClass = 200;

    public static async Task<BenchData> LoadAsync(int seed, CancellationToken cancellationToken)
    {
        var normalization = FashionMnist.StandardNormalization;
        var train = normalization.Apply(await FashionMnist.LoadAsync(DatasetSplit.Train, cancellationToken: cancellationToken)).Materialize("fashion-mnist/train");
        var test = normalization.Apply(await FashionMnist.LoadAsync(DatasetSplit.Test, cancellationToken: cancellationToken)).Materialize("fashion-mnist/test");
        var publicIndices = new List<int>();
        var validationIndices = new List<int>();
        var fineTuneIndices = new List<int>();
        var random = new Random(seed);
        for (var label = 0; label < train.ClassCount; label++)
        {
            var members = Enumerable.Range(0, train.Count).Where(i => train.GetLabel(i) == label).ToArray();
            random.Shuffle(members);
            var publicCount = (int)Math.Round(members.Length * PublicFraction);
            publicIndices.AddRange(members.Take(publicCount));
            validationIndices.AddRange(members.Skip(publicCount).Take(ValidationPerClass));
            fineTuneIndices.AddRange(members.Skip(publicCount + ValidationPerClass));
        }

        // Index order, not class order: the samplers shuffle, and the views read better this way.
        return new BenchData(
            train.Subset(publicIndices.Order(), "public"),
            train.Subset(validationIndices.Order(), "validation"),
            train.Subset(fineTuneIndices.Order(), "fine-tune"),
            test);
    }
}
