using System.Globalization;

namespace FedUnlearn.Cli.Simulation.Reports.Internal;

/// <summary>One way to print each kind of figure, shared by report.md and the terminal table.</summary>
internal static class MetricFormat
{
    public const string Missing = "—";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A share as a percentage with one decimal: 0.8734 → "87.3%".</summary>
    public static string Percent(double? share) => share is { } v && double.IsFinite(v) ? (v * 100).ToString("0.0", Inv) + "%" : Missing;

    /// <summary>A distance or divergence with four decimals.</summary>
    public static string Distance(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0000", Inv) : Missing;

    /// <summary>Seconds: two decimals below 10 s, one above.</summary>
    public static string Seconds(double seconds) =>
        !double.IsFinite(seconds) ? Missing : seconds.ToString(Math.Abs(seconds) < 10 ? "0.00" : "0.0", Inv) + " s";

    /// <summary>Bytes in binary units: 1536 → "1.5 KiB".</summary>
    public static string Bytes(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(Inv) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var value = bytes / 1024.0;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", Inv) + " " + units[unit];
    }

    /// <summary>A speed-up factor: "8.4×".</summary>
    public static string SpeedUp(double? factor) => factor is { } v && double.IsFinite(v) ? v.ToString(v < 10 ? "0.0" : "0", Inv) + "×" : Missing;

    /// <summary>An integer, invariant.</summary>
    public static string Count(long value) => value.ToString(Inv);

    /// <summary>A plain number with up to four significant decimals (learning rates, α).</summary>
    public static string Number(double value) => value.ToString("0.####", Inv);
}
