using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.Randomness;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Contracts.SafeTensors.Internal;
using System.Text.Json;

namespace FedUnlearn.Contracts.Adapters;

/// <summary>
/// The deterministic initial LoRA adapter, in managed code only: B = 0 (the model computes its base
/// output) and A drawn from LoRA's kaiming-uniform(a = √5), i.e. U(−1/√in, 1/√in), from a seeded
/// generator with one stream per layer (its index in model order). Clients (FedUnlearn.Learning's
/// AdapterInitializer) and the aggregator, which never loads libtorch, get the same bits for the same
/// seed on every machine.
/// </summary>
public static class LoRAAdapterInit
{
    /// <summary>The values of A for the <paramref name="layerIndex"/>-th adapted layer (model order), row-major [rank, in].</summary>
    public static float[] DrawA(long seed, int layerIndex, int rank, int inFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layerIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        var a = new float[checked(rank * inFeatures)];
        var bound = 1.0 / Math.Sqrt(inFeatures);
        var rng = new Xoshiro256(unchecked((ulong)seed), (ulong)layerIndex);
        for (var i = 0; i < a.Length; i++) a[i] = (float)((2 * rng.NextDouble() - 1) * bound);
        return a;
    }

    /// <summary>A fresh adapter for <paramref name="layers"/> (in model order): <c>name.lora_A</c> seeded, <c>name.lora_B</c> zero.</summary>
    public static ParameterSet Create(IReadOnlyList<LoRALayerShape> layers, int rank, long seed)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        if (layers.Count == 0) throw new ArgumentException("An adapter needs at least one layer.", nameof(layers));
        var set = new ParameterSet();
        for (var i = 0; i < layers.Count; i++)
        {
            var (name, inFeatures, outFeatures) = layers[i];
            set.Add($"{name}.lora_A", [rank, inFeatures], DrawA(seed, i, rank, inFeatures));
            set.Add($"{name}.lora_B", [outFeatures, rank], new float[checked(outFeatures * rank)]);
        }

        return set;
    }

    /// <summary>
    /// The adapted layers of a base model file, in model order: every 2-D <c>X.weight</c> whose layer
    /// name <c>X</c> equals a target or ends with <c>"." + target</c> (how LoRA is injected), in the
    /// order the file records (<see cref="ParameterSetSafeTensors.ParameterOrderKey"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A target matches no layer; the message lists the candidate layers.</exception>
    /// <exception cref="InvalidDataException">The file records no (or a broken) parameter order.</exception>
    public static IReadOnlyList<LoRALayerShape> FindLayers(SafeTensorsFile baseModel, IReadOnlyCollection<string> targets)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) throw new ArgumentException("At least one LoRA target is needed.", nameof(targets));
        bool Matches(string layer, string target) => layer == target || layer.EndsWith("." + target, StringComparison.Ordinal);
        var linears = ModelOrder(baseModel)
            .Where(t => t.Shape.Length == 2 && t.Name.EndsWith(".weight", StringComparison.Ordinal))
            .Select(t => new LoRALayerShape(t.Name[..^".weight".Length], checked((int)t.Shape[1]), checked((int)t.Shape[0])))
            .ToList();
        var unmatched = targets.Where(target => !linears.Any(l => Matches(l.Name, target))).ToList();
        if (unmatched.Count > 0)
            throw new ArgumentException($"LoRA target(s) {string.Join(", ", unmatched)} match no linear layer of the base model; its linear layers are: "
                + (linears.Count == 0 ? "(none)" : string.Join(", ", linears.Select(l => l.Name))) + ".", nameof(targets));
        return linears.Where(l => targets.Any(target => Matches(l.Name, target))).ToList();
    }

    private static IEnumerable<SafeTensor> ModelOrder(SafeTensorsFile file)
    {
        // The file lays tensors out by name; the recorded order is the model's (state-dict) order, which fixes each layer's stream.
        if (!file.Metadata.TryGetValue(ParameterSetSafeTensors.ParameterOrderKey, out var json))
            throw new InvalidDataException($"The base model file records no parameter order ('{ParameterSetSafeTensors.ParameterOrderKey}' metadata); write it with ModelFactory.SaveBaseAsync.");
        string[]? names;
        try { names = JsonSerializer.Deserialize(json, OrderJson.Default.StringArray); }
        catch (JsonException e) { throw new InvalidDataException($"Metadata '{ParameterSetSafeTensors.ParameterOrderKey}' is not a JSON array of names: {e.Message}", e); }
        return (names ?? []).Select(n => file.TryGet(n, out var t) ? t
            : throw new InvalidDataException($"Metadata '{ParameterSetSafeTensors.ParameterOrderKey}' names '{n}', which the file does not hold."));
    }
}
