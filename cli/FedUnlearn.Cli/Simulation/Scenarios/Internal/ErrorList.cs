using System.Globalization;

namespace FedUnlearn.Cli.Simulation.Scenarios.Internal;

/// <summary>Collects validation errors so that one run reports every problem, not just the first.</summary>
internal sealed class ErrorList
{
    private readonly List<ScenarioError> _errors = [];

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public void Add(string path, string message) => _errors.Add(new(path, message));

    public void Require(bool ok, string path, string message)
    {
        if (!ok) Add(path, message);
    }

    public void AtLeast(int value, int min, string path) =>
        Require(value >= min, path, $"{N(value)} must be at least {N(min)}");

    public void InRange(int value, int min, int max, string path, string why) =>
        Require(value >= min && value <= max, path, $"{N(value)} is out of range ({why})");

    public void Positive(double value, string path) =>
        Require(double.IsFinite(value) && value > 0, path, $"{N(value)} must be a positive number");

    /// <summary>A share in (0, 1] (or [0, 1) with <paramref name="zeroAllowed"/>).</summary>
    public void Fraction(double value, string path, bool zeroAllowed = false)
    {
        var ok = zeroAllowed ? value >= 0 && value < 1 : value > 0 && value <= 1;
        Require(ok, path, $"{N(value)} must be in {(zeroAllowed ? "[0, 1)" : "(0, 1]")}");
    }

    public void Names(IReadOnlyList<string>? names, string path)
    {
        if (names is null) return;
        Require(names.Count > 0, path, "must not be empty (leave it out for the default)");
        for (var i = 0; i < names.Count; i++)
            Require(!string.IsNullOrWhiteSpace(names[i]), $"{path}[{i}]", "must be a non-empty name");
    }

    public static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
