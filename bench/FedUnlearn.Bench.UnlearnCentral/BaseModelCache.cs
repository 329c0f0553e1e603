using System.Security.Cryptography;
using System.Text;
using FedUnlearn.Learning.Evaluation;
using FedUnlearn.Learning.Models;
using FedUnlearn.Learning.Training;

namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>
/// Pretrains each base model once on the public split and keeps it as a safetensors file named by a
/// hash of everything that shapes it (architecture, pretraining options, split seed), so later runs
/// load it instead of training again.
/// </summary>
internal sealed class BaseModelCache(string directory, BenchData data, int seed, TextWriter log)
{
    /// <summary>The path of <paramref name="setup"/>'s pretrained base, pretraining it first when it is not cached.</summary>
    public async Task<string> EnsureAsync(ModelSetup setup, CancellationToken cancellationToken)
    {
        var key = $"{ModelFactory.SpecToJson(setup.Base)}|{setup.Pretrain}|seed={seed}|public={data.Public.Count}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var path = Path.Combine(directory, $"{setup.Name}-base-{hash}.safetensors");
        if (File.Exists(path))
        {
            log.WriteLine($"# {setup.Name}: base model from cache {path}");
            return path;
        }

        Directory.CreateDirectory(directory);
        using var model = ModelFactory.Create(setup.Base, seed);
        var result = new LocalTrainer(setup.Pretrain).Train(model, data.Public, cancellationToken: cancellationToken);
        var test = ModelEvaluator.Predict(model, data.Test, cancellationToken: cancellationToken).Report().Accuracy;
        log.WriteLine($"# {setup.Name}: pretrained the base on {data.Public.Count} public samples in {result.Elapsed.TotalSeconds:F1} s "
            + $"({result.Steps} steps), test accuracy {test:F4}; cached as {path}");
        await ModelFactory.SaveBaseAsync(model, path, cancellationToken);
        return path;
    }
}
