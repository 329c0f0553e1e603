using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Learning.Data;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;
using FedUnlearn.Torch;

namespace FedUnlearn.Cli.Simulation.Orchestration.Internal;

/// <summary>
/// The frozen base every participant shares: pre-trained centrally on the public split (what
/// <c>fedunlearn pretrain</c> does for a real federation), saved once as a safetensors file, and
/// loaded with fresh LoRA adapters for each model the simulation needs.
/// </summary>
internal sealed class BaseModel
{
    /// <summary>Passes over the public split when pre-training the base.</summary>
    public const int PretrainEpochs = 5;

    private BaseModel(string path, ModelSpec spec, ParameterSet initialAdapter)
    {
        Path = path;
        Spec = spec;
        InitialAdapter = initialAdapter;
    }

    /// <summary>The base model file.</summary>
    public string Path { get; }

    /// <summary>The model with its LoRA adapters.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The adapter federated training starts from (B = 0: the model equals the base; A seeded).</summary>
    public ParameterSet InitialAdapter { get; }

    /// <summary>Pre-trains (or, with no public data, only seeds) the base and writes it under <paramref name="directory"/>.</summary>
    public static async Task<BaseModel> CreateAsync(ModelSpec spec, IDataset? publicData, long seed, string directory, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(directory, "base.safetensors");
        using (var model = ModelFactory.Create(spec with { LoRA = null }, seed))
        {
            if (publicData is { Count: > 0 })
            {
                var options = new TrainingOptions { Epochs = PretrainEpochs, BatchSize = 64, LearningRate = 1e-3, Seed = seed };
                await Task.Run(() => new LocalTrainer(options).Train(model, publicData, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            await ModelFactory.SaveBaseAsync(model, path, cancellationToken).ConfigureAwait(false);
        }

        // LoRA A is drawn from libtorch's global generator: seed it right before, on this thread.
        torch.manual_seed(seed + 1);
        using var adapted = await ModelFactory.LoadBaseAsync(path, spec.LoRA, cancellationToken).ConfigureAwait(false);
        return new BaseModel(path, spec, adapted.ToAdapterParameterSet());
    }

    /// <summary>A new model: the base with adapters (load an adapter into it before use).</summary>
    public Task<ClassifierModel> LoadAsync(CancellationToken cancellationToken) => ModelFactory.LoadBaseAsync(Path, Spec.LoRA, cancellationToken);
}
