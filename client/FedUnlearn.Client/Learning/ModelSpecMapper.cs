using System.Globalization;
using FedUnlearn.Client.Learning.Internal;
using FedUnlearn.Learning.Models;
using Wire = FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Learning;

/// <summary>
/// Maps the model the server announces at Join (<see cref="Wire.ModelSpec"/>) to FedUnlearn.Learning's
/// <see cref="ModelSpec"/> and back. Architecture: <c>mlp</c>, <c>cnn</c>, <c>vit</c> (or <c>vit-tiny</c>);
/// <c>input_shape</c> is [C, H, W] or [H, W] with square images; family sizes travel in the options map
/// (<see cref="ModelSpecOptionKeys"/>), and an option left out keeps FedUnlearn.Learning's default.
/// </summary>
public static class ModelSpecMapper
{
    /// <summary>The architecture names, as sent on the wire.</summary>
    public const string Mlp = "mlp", Cnn = "cnn", Vit = "vit", VitTiny = "vit-tiny";

    /// <summary>
    /// The Learning spec of an announced model, LoRA included (targets default to the family's
    /// <see cref="LoRASpec.DefaultTargets"/> when the server lists none), validated.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown architecture, a bad input shape, an unknown or unparsable option, or an invalid size; the message names it.</exception>
    public static ModelSpec ToLearning(Wire.ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = ParseArchitecture(model.Architecture);
        var (channels, side) = ParseInputShape(model.InputShape);
        if (model.NumClasses == 0) throw Invalid("num_classes must be positive (got 0).");
        var spec = WireOptions.Apply(new ModelSpec { Kind = kind, InputChannels = channels, ImageSize = side, NumClasses = checked((int)model.NumClasses) }, model.Options);
        spec = spec with { LoRA = model.Lora is null ? null : ToLearning(model.Lora, spec) };
        try
        {
            spec.Validate();
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message, e);
        }

        return spec;
    }

    /// <summary>The wire form of <paramref name="spec"/>: every size of its family in the options map, LoRA targets listed explicitly.</summary>
    /// <param name="spec">A valid Learning spec.</param>
    /// <param name="lora">LoRA to announce (default: <paramref name="spec"/>'s own, else the family's default targets with rank 8, alpha 16).</param>
    /// <param name="initSeed">Seed of A's initialisation on every node.</param>
    /// <param name="freezeA">Exact mode: A frozen and shared, only B trained.</param>
    /// <param name="baseModelSha256">Hex sha256 of the base model file, or null.</param>
    public static Wire.ModelSpec ToWire(ModelSpec spec, LoRASpec? lora = null, ulong initSeed = 0, bool freezeA = false, string? baseModelSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        lora ??= spec.LoRA ?? LoRASpec.For(spec.Kind, mlpHiddenLayers: spec.HiddenSizes.Count);
        var model = new Wire.ModelSpec
        {
            Architecture = spec.Kind switch { ModelKind.Mlp => Mlp, ModelKind.Cnn => Cnn, _ => Vit },
            NumClasses = (uint)spec.NumClasses,
            Lora = new Wire.LoraSpec { Rank = (uint)lora.Rank, Alpha = lora.Alpha, FreezeA = freezeA, InitSeed = initSeed },
            BaseModelSha256 = baseModelSha256 ?? "",
        };
        model.InputShape.AddRange([spec.InputChannels, spec.ImageSize, spec.ImageSize]);
        model.Lora.TargetModules.AddRange(lora.Targets);
        model.Options.Add(WireOptions.For(spec));
        return model;
    }

    /// <summary>The model kind of an architecture name (case-insensitive; <c>vit-tiny</c> is <c>vit</c>).</summary>
    /// <exception cref="ArgumentException">Not one of mlp, cnn, vit, vit-tiny.</exception>
    public static ModelKind ParseArchitecture(string architecture) => architecture?.Trim().ToLowerInvariant() switch
    {
        Mlp => ModelKind.Mlp,
        Cnn => ModelKind.Cnn,
        Vit or VitTiny => ModelKind.Vit,
        _ => throw Invalid($"unknown architecture '{architecture}'; expected {Mlp}, {Cnn} or {Vit} ({VitTiny})."),
    };

    private static LoRASpec ToLearning(Wire.LoraSpec lora, ModelSpec spec)
    {
        if (lora.Rank == 0) throw Invalid("lora.rank must be positive (got 0).");
        IReadOnlyList<string> targets = lora.TargetModules.Count > 0 ? [.. lora.TargetModules] : LoRASpec.DefaultTargets(spec.Kind, spec.HiddenSizes.Count);
        return new LoRASpec(targets, checked((int)lora.Rank), lora.Alpha);
    }

    private static (int Channels, int Side) ParseInputShape(IReadOnlyList<long> shape)
    {
        var text = $"[{string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]";
        if (shape.Count is < 2 or > 3 || shape.Any(d => d <= 0 || d > int.MaxValue))
            throw Invalid($"input_shape {text} must be [channels, height, width] or [height, width] with positive sizes.");
        var (c, h, w) = shape.Count == 3 ? (shape[0], shape[1], shape[2]) : (1L, shape[0], shape[1]);
        if (h != w) throw Invalid($"input_shape {text} must hold square images (height = width).");
        return ((int)c, (int)h);
    }

    internal static ArgumentException Invalid(string message, Exception? inner = null) =>
        new($"The announced model spec is invalid: {message}", inner);
}
