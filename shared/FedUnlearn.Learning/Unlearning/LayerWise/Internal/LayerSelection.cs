using System.Text.RegularExpressions;

namespace FedUnlearn.Learning.Unlearning.LayerWise.Internal;

/// <summary>Which adapter tensors (<c>layer.lora_A</c>, <c>layer.lora_B</c>) a list of layer patterns chooses.</summary>
internal static class LayerSelection
{
    /// <summary>The layer of an adapter tensor name: the name without its last dotted part.</summary>
    public static string LayerOf(string tensorName)
    {
        var dot = tensorName.LastIndexOf('.');
        return dot < 0 ? tensorName : tensorName[..dot];
    }

    /// <summary>The chosen tensor names; every tensor when <paramref name="patterns"/> is null.</summary>
    /// <exception cref="ArgumentException">A pattern matches no adapter layer (the message lists the layers).</exception>
    public static HashSet<string> Choose(IEnumerable<string> tensorNames, IReadOnlyList<string>? patterns)
    {
        var names = tensorNames.ToList();
        if (patterns is null) return new HashSet<string>(names, StringComparer.Ordinal);
        var layers = names.Select(LayerOf).Distinct(StringComparer.Ordinal).ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var matched = layers.Where(l => Matches(l, pattern)).ToList();
            if (matched.Count == 0)
            {
                throw new ArgumentException(
                    $"Layer pattern '{pattern}' matches no adapter layer; the model's adapter layers are: {string.Join(", ", layers)}.");
            }

            chosen.UnionWith(names.Where(n => matched.Contains(LayerOf(n))));
        }

        return chosen;
    }

    /// <summary>Equal, a dotted suffix (as LoRA targets), or a glob with <c>*</c>.</summary>
    public static bool Matches(string layer, string pattern)
    {
        if (pattern.Contains('*', StringComparison.Ordinal))
        {
            var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
            return Regex.IsMatch(layer, regex, RegexOptions.CultureInvariant);
        }

        return layer == pattern || layer.EndsWith("." + pattern, StringComparison.Ordinal);
    }
}
