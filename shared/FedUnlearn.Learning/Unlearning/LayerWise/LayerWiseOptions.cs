namespace FedUnlearn.Learning.Unlearning.LayerWise;

/// <summary>Options of <see cref="LayerWiseMethod"/>.</summary>
public sealed record LayerWiseOptions
{
    /// <summary>The prefix of options passed on to the inner method: <c>inner.lr=0.01</c> becomes the inner method's <c>lr=0.01</c>.</summary>
    public const string InnerPrefix = "inner.";

    /// <summary>The wrapped method when none is named: label flipping needs only retained data and unlearns within a bounded number of steps.</summary>
    public const string DefaultInner = "label-flip";

    /// <summary><c>inner</c>: the registry name of the wrapped method, e.g. <c>nabla-tau</c> (default <see cref="DefaultInner"/>).</summary>
    public string Inner { get; init; } = DefaultInner;

    /// <summary><c>inner.*</c>: the wrapped method's options, prefix removed.</summary>
    public IReadOnlyDictionary<string, string> InnerOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>layers</c>: comma-separated adapter layer patterns (dotted layer names such as <c>fc1</c> or
    /// <c>blocks.0.attn.q_proj</c>; a pattern matches a layer it equals or ends with after a dot, and
    /// <c>*</c> matches any run of characters). Null (default): every layer.
    /// </summary>
    public IReadOnlyList<string>? Layers { get; init; }

    /// <summary>
    /// <c>top-p</c>: in (0, 1]; of each chosen adapter tensor keep only the round(p·n) coordinates (at
    /// least one) the inner method changed most, by |change|; the rest keep their values. Null (default): keep every change.
    /// </summary>
    public double? TopFraction { get; init; }

    /// <summary>Reads the options from a task's dictionary.</summary>
    /// <exception cref="ArgumentException">A value is malformed, missing or out of range.</exception>
    public static LayerWiseOptions Read(MethodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = options.String("inner");
        var layers = options.String("layers");
        var result = new LayerWiseOptions
        {
            Inner = inner is null ? DefaultInner : inner.Trim(),
            InnerOptions = options.WithPrefix(InnerPrefix),
            Layers = layers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TopFraction = options.Double("top-p"),
        };
        if (result.Inner.Length == 0) throw options.Invalid("inner", inner, "must name the method to wrap, e.g. nabla-tau");
        if (result.Layers is { Count: 0 }) throw options.Invalid("layers", layers, "must name at least one layer pattern");
        if (result.TopFraction is <= 0 or > 1) throw options.Invalid("top-p", result.TopFraction, "must be in (0, 1]");
        return result;
    }
}
