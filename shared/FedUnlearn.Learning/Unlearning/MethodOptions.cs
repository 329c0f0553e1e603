using System.Globalization;

namespace FedUnlearn.Learning.Unlearning;

/// <summary>
/// A method's options as they arrive from a task or a scenario file (name → text), read with typed
/// getters. Every getter records the name as known, so after a method's factory has read its options
/// <see cref="MethodRegistry"/> can reject any other name, listing the valid ones. Names are
/// case-insensitive; numbers use the invariant culture.
/// </summary>
public sealed class MethodOptions
{
    private readonly Dictionary<string, string> _values;
    private readonly SortedSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wraps <paramref name="values"/> (null: no options) for method <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">Two names differ only in case.</exception>
    public MethodOptions(string method, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Method = method;
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            if (!_values.TryAdd(name.Trim(), value ?? ""))
                throw new ArgumentException($"Option '{name}' of method '{method}' is given twice.", nameof(values));
        }
    }

    /// <summary>The method the options belong to (for error messages).</summary>
    public string Method { get; }

    /// <summary>The option names read so far: the method's valid options.</summary>
    public IReadOnlyCollection<string> KnownNames => _known;

    /// <summary>A number, or null when absent.</summary>
    public double? Double(string name) => Read(name, "a number", s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null);

    /// <summary>A whole number, or null when absent.</summary>
    public int? Int32(string name) => Read(name, "a whole number", s =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);

    /// <summary>A 64-bit whole number, or null when absent.</summary>
    public long? Int64(string name) => Read(name, "a whole number", s =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null);

    /// <summary><c>true</c>/<c>false</c>, or null when absent.</summary>
    public bool? Boolean(string name) => Read(name, "true or false", s => bool.TryParse(s, out var v) ? v : (bool?)null);

    /// <summary>The raw text, or null when absent.</summary>
    public string? String(string name) => Read(name, "text", s => s);

    /// <summary>
    /// The options whose names start with <paramref name="prefix"/> (e.g. <c>inner.</c>), with the prefix
    /// removed, all marked known: a wrapper method passes them on to the method it wraps, whose own
    /// <see cref="MethodRegistry.Create"/> then validates them.
    /// </summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _values)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            _known.Add(name);
            result[name[prefix.Length..]] = value;
        }

        return result;
    }

    /// <summary>An <see cref="ArgumentException"/> saying option <paramref name="name"/> is out of range.</summary>
    public ArgumentException Invalid(string name, object? value, string requirement) =>
        new($"Option '{name}' of method '{Method}' {requirement}, got {Convert.ToString(value, CultureInfo.InvariantCulture)}.", name);

    /// <summary>Throws when an option was given that the method never read.</summary>
    /// <exception cref="ArgumentException">Names every unknown option and lists the valid ones.</exception>
    public void ThrowIfUnknown()
    {
        var unknown = _values.Keys.Where(k => !_known.Contains(k)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count == 0) return;
        var valid = _known.Count == 0 ? "it takes no options" : "valid options: " + string.Join(", ", _known);
        throw new ArgumentException(
            $"Unknown option{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} for method '{Method}'; {valid}.");
    }

    private T? Read<T>(string name, string expected, Func<string, T?> parse)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _known.Add(name);
        if (!_values.TryGetValue(name, out var raw)) return default;
        return parse(raw.Trim()) ?? throw new ArgumentException($"Option '{name}' of method '{Method}' must be {expected}, got '{raw}'.", name);
    }
}
