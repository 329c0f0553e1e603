using System.Globalization;
using FedUnlearn.Learning.Models;
using K = FedUnlearn.Client.Learning.ModelSpecOptionKeys;

namespace FedUnlearn.Client.Learning.Internal;

/// <summary>Reads and writes the architecture sizes of the wire spec's options map.</summary>
internal static class WireOptions
{
    private static readonly Dictionary<ModelKind, string[]> KeysByKind = new()
    {
        [ModelKind.Mlp] = [K.HiddenSizes],
        [ModelKind.Cnn] = [K.ConvChannels, K.CnnHidden],
        [ModelKind.Vit] = [K.PatchSize, K.EmbedDim, K.Depth, K.Heads, K.MlpDim, K.Pooling],
    };

    public static ModelSpec Apply(ModelSpec spec, IEnumerable<KeyValuePair<string, string>> options)
    {
        var allowed = KeysByKind[spec.Kind];
        foreach (var (key, value) in options)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw ModelSpecMapper.Invalid($"option '{key}' does not apply to {spec.Kind.ToString().ToLowerInvariant()}; it takes {string.Join(", ", allowed)}.");
            spec = key switch
            {
                K.HiddenSizes => spec with { HiddenSizes = List(key, value) },
                K.ConvChannels => spec with { ConvChannels = List(key, value) },
                K.CnnHidden => spec with { CnnHidden = Int(key, value) },
                K.PatchSize => spec with { PatchSize = Int(key, value) },
                K.EmbedDim => spec with { EmbedDim = Int(key, value) },
                K.Depth => spec with { Depth = Int(key, value) },
                K.Heads => spec with { Heads = Int(key, value) },
                K.MlpDim => spec with { MlpDim = Int(key, value) },
                _ => spec with { Pooling = Pooling(value) },
            };
        }

        return spec;
    }

    public static Dictionary<string, string> For(ModelSpec spec) => spec.Kind switch
    {
        ModelKind.Mlp => new() { [K.HiddenSizes] = Text(spec.HiddenSizes) },
        ModelKind.Cnn => new() { [K.ConvChannels] = Text(spec.ConvChannels), [K.CnnHidden] = Text(spec.CnnHidden) },
        _ => new()
        {
            [K.PatchSize] = Text(spec.PatchSize), [K.EmbedDim] = Text(spec.EmbedDim), [K.Depth] = Text(spec.Depth),
            [K.Heads] = Text(spec.Heads), [K.MlpDim] = Text(spec.MlpDim), [K.Pooling] = spec.Pooling == VitPooling.Mean ? "mean" : "cls",
        },
    };

    private static int Int(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw ModelSpecMapper.Invalid($"option '{key}' = '{value}' must be a positive integer.");

    private static int[] List(string key, string value)
    {
        try
        {
            return value.Split(',', StringSplitOptions.TrimEntries).Select(part => Int(key, part)).ToArray();
        }
        catch (ArgumentException)
        {
            throw ModelSpecMapper.Invalid($"option '{key}' = '{value}' must be positive integers separated by commas, e.g. 256,256.");
        }
    }

    private static VitPooling Pooling(string value) => value.Trim().ToLowerInvariant() switch
    {
        "cls" or "class" or "classtoken" => VitPooling.ClassToken,
        "mean" => VitPooling.Mean,
        _ => throw ModelSpecMapper.Invalid($"option '{K.Pooling}' = '{value}' must be cls or mean."),
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(IEnumerable<int> values) => string.Join(",", values.Select(Text));
}
