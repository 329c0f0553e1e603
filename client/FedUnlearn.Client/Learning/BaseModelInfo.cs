using System.Text.Json;
using System.Text.Json.Serialization;
using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors;
using FedUnlearn.Learning.Models;
using Wire = FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Learning;

/// <summary>
/// What an aggregator needs from the shared base model file, read in managed code only (no libtorch):
/// its architecture (from the metadata <c>ModelFactory.SaveBaseAsync</c> writes), its sha256 to announce,
/// and the layer shapes that make the initial adapter.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file.</param>
/// <param name="Spec">The base architecture (no LoRA).</param>
/// <param name="File">The parsed file.</param>
public sealed record BaseModelInfo(string Path, string Sha256, ModelSpec Spec, SafeTensorsFile File)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Reads and hashes the base model file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a safetensors file, or no readable model spec in its metadata.</exception>
    public static async Task<BaseModelInfo> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"The base model '{path}' does not exist (write one with 'fedunlearn pretrain').", path);
        var file = await SafeTensorsFile.ReadFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!file.Metadata.TryGetValue(ModelFactory.SpecMetadataKey, out var json))
            throw new InvalidDataException($"'{path}' has no '{ModelFactory.SpecMetadataKey}' metadata: it is not a base model written by 'fedunlearn pretrain' (ModelFactory.SaveBaseAsync).");
        ModelSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<ModelSpec>(json, Json) ?? throw new InvalidDataException($"'{path}' holds an empty model spec.");
            spec.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' holds an unreadable model spec: {e.Message}", e);
        }

        return new BaseModelInfo(path, await BaseModelFile.Sha256Async(path, cancellationToken).ConfigureAwait(false), spec with { LoRA = null }, file);
    }

    /// <summary>The LoRA on the family's default targets (<see cref="LoRASpec.DefaultTargets"/>), or on <paramref name="targets"/>.</summary>
    public LoRASpec LoRA(int rank, double alpha, IReadOnlyList<string>? targets = null) =>
        targets is { Count: > 0 } ? new LoRASpec(targets, rank, alpha) : LoRASpec.For(Spec.Kind, rank, alpha, Spec.HiddenSizes.Count);

    /// <summary>The model spec to announce at Join: this architecture, <paramref name="lora"/>, and this file's sha256.</summary>
    public Wire.ModelSpec Announce(LoRASpec lora, ulong initSeed, bool freezeA) =>
        ModelSpecMapper.ToWire(Spec, lora, initSeed, freezeA, Sha256);

    /// <summary>The fresh global adapter (version 0) every node would initialise: B = 0, A from <paramref name="initSeed"/>.</summary>
    /// <exception cref="ArgumentException">A target matches no linear layer of the base.</exception>
    public ParameterSet InitialAdapter(LoRASpec lora, ulong initSeed)
    {
        ArgumentNullException.ThrowIfNull(lora);
        return LoRAAdapterInit.Create(LoRAAdapterInit.FindLayers(File, lora.Targets.ToArray()), lora.Rank, unchecked((long)initSeed));
    }
}
