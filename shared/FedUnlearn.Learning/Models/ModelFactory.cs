using System.Text.Json;
using System.Text.Json.Serialization;
using FedUnlearn.Torch;

namespace FedUnlearn.Learning.Models;

/// <summary>
/// Builds models from a <see cref="ModelSpec"/> (with LoRA injected when the spec asks for it), and saves
/// and loads base models as safetensors files that carry their spec, so a file alone rebuilds its model.
/// </summary>
public static class ModelFactory
{
    /// <summary>The safetensors metadata key holding the model's spec as JSON.</summary>
    public const string SpecMetadataKey = "fedunlearn.model_spec";

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// A new model of <paramref name="spec"/>; with <see cref="ModelSpec.LoRA"/>, adapters are injected
    /// (B = 0, so the output equals the base model's) and every base parameter is frozen.
    /// <paramref name="seed"/>, when given, seeds libtorch first so the initial weights are reproducible.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid spec, or LoRA targets that match no Linear layer.</exception>
    public static ClassifierModel Create(ModelSpec spec, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (seed is { } s)
        {
            torch.manual_seed(s);
        }

        var model = CreateBase(spec with { LoRA = null });
        if (spec.LoRA is not null)
        {
            try
            {
                InjectLoRA(model, spec.LoRA);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }

        return model;
    }

    /// <summary>Injects LoRA into a model (see <see cref="LoRAExtensions.InjectLoRA"/>) and records it in the model's spec.</summary>
    /// <returns>The dotted names of the adapted layers.</returns>
    public static IReadOnlyList<string> InjectLoRA(ClassifierModel model, LoRASpec lora)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lora);
        var adapted = model.InjectLoRA(new LoRAConfig { TargetModules = lora.Targets, Rank = lora.Rank, Alpha = lora.Alpha });
        model.Spec = model.Spec with { LoRA = lora };
        return adapted;
    }

    /// <summary>Writes the base weights (everything but LoRA adapters) and the spec without LoRA to a safetensors file.</summary>
    public static Task SaveBaseAsync(ClassifierModel model, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var metadata = new Dictionary<string, string> { [SpecMetadataKey] = SpecToJson(model.Spec with { LoRA = null }) };
        using var scope = torch.NewDisposeScope();
        var adapter = model.named_lora_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        var state = model.state_dict().Where(kv => !adapter.Contains(kv.Key)).ToList();
        var file = StateDictSafeTensors.ToSafeTensors(state, metadata);
        return file.WriteFileAsync(path, cancellationToken);
    }

    /// <summary>
    /// Rebuilds a base model from a file written by <see cref="SaveBaseAsync"/> (spec from the file's
    /// metadata) and, with <paramref name="lora"/>, injects fresh adapters on top of the loaded base.
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no readable model spec.</exception>
    /// <exception cref="StateDictLoadException">The weights do not fit the spec.</exception>
    public static async Task<ClassifierModel> LoadBaseAsync(string path, LoRASpec? lora = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = await Contracts.SafeTensors.SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!file.Metadata.TryGetValue(SpecMetadataKey, out var json))
        {
            throw new InvalidDataException($"'{path}' has no '{SpecMetadataKey}' metadata: it was not written by ModelFactory.SaveBaseAsync.");
        }

        var model = Create(SpecFromJson(json, path));
        try
        {
            using (var scope = torch.NewDisposeScope())
            {
                model.load_state_dict(StateDictSafeTensors.ToStateDict(file), strict: true);
            }

            if (lora is not null)
            {
                InjectLoRA(model, lora);
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The spec as JSON (enums as names), as stored in model files.</summary>
    public static string SpecToJson(ModelSpec spec) => JsonSerializer.Serialize(spec, JsonOptions);

    private static ModelSpec SpecFromJson(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelSpec>(json, JsonOptions) ?? throw new InvalidDataException($"'{path}' holds an empty model spec.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' holds an unreadable model spec: {e.Message}", e);
        }
    }

    private static ClassifierModel CreateBase(ModelSpec spec) => spec.Kind switch
    {
        ModelKind.Mlp => new Mlp(spec),
        ModelKind.Cnn => new SmallCnn(spec),
        ModelKind.Vit => new TinyVit(spec),
        _ => throw new ArgumentException($"Unknown model kind {spec.Kind}.", nameof(spec)),
    };
}
