namespace FedUnlearn.Cli.Simulation.Reports.Svg.Internal;

/// <summary>One bar per group: its CSS class, legend label and the value (a share; null draws no bar).</summary>
internal sealed record BarSeries(string Class, string Label, IReadOnlyList<double?> Values);
