using FedUnlearn.Client.Learning;
using FedUnlearn.Client.Tests.Storage;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Data.Sources;
using FedUnlearn.Learning.Models;
using Wire = FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Tests.Learning;

/// <summary>A tiny base model file on 8×8 synthetic images, its store and a learner context announcing it.</summary>
internal sealed class TinyBase : IAsyncDisposable
{
    public static readonly SyntheticImageOptions Data = new() { ClassCount = 3, Height = 8, Width = 8, TrainSamplesPerClass = 16, TestSamplesPerClass = 8, Seed = 5 };

    private TinyBase(TempStoreDirectory directory, FedUnlearn.Client.Storage.ClientStore store, ModelSpec spec, string path)
    {
        (Directory, Store, Spec, Path) = (directory, store, spec, path);
    }

    public TempStoreDirectory Directory { get; }

    public FedUnlearn.Client.Storage.ClientStore Store { get; }

    /// <summary>The base architecture (without LoRA).</summary>
    public ModelSpec Spec { get; }

    public string Path { get; }

    public IDataset Train { get; } = SyntheticImages.Generate(Data, DatasetSplit.Train);

    public IDataset Test { get; } = SyntheticImages.Generate(Data, DatasetSplit.Test);

    public static ModelSpec SpecOf(ModelKind kind) => kind switch
    {
        ModelKind.Mlp => new ModelSpec { Kind = kind, ImageSize = 8, NumClasses = 3, HiddenSizes = [16] },
        ModelKind.Cnn => new ModelSpec { Kind = kind, ImageSize = 8, NumClasses = 3, ConvChannels = [2, 4], CnnHidden = 8 },
        _ => new ModelSpec { Kind = kind, ImageSize = 8, NumClasses = 3, PatchSize = 4, EmbedDim = 8, Depth = 1, Heads = 2, MlpDim = 16 },
    };

    public static async Task<TinyBase> CreateAsync(ModelKind kind = ModelKind.Mlp)
    {
        var directory = new TempStoreDirectory();
        var spec = SpecOf(kind);
        var path = System.IO.Path.Combine(directory.Path, BaseModelFile.DefaultFileName);
        using (var model = ModelFactory.Create(spec))
        {
            await ModelFactory.SaveBaseAsync(model, path);
        }

        return new TinyBase(directory, await directory.OpenAsync(), spec, path);
    }

    /// <summary>What a server announces for this base: LoRA rank 2 on the family's default targets.</summary>
    public Wire.ModelSpec Announce(ulong initSeed = 11, bool freezeA = false, string? sha256 = null, ModelSpec? spec = null) =>
        ModelSpecMapper.ToWire(spec ?? Spec, LoRASpec.For(Spec.Kind, rank: 2, alpha: 4, mlpHiddenLayers: Spec.HiddenSizes.Count), initSeed, freezeA, sha256);

    public LearnerContext Context(Wire.ModelSpec model) => new(model, "cpu", Directory.Path, Store);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Dispose();
    }
}
