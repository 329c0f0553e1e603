namespace FedUnlearn.Cli.Simulation.Reports.Internal;

/// <summary>A column of the per-request table: header, alignment and how a method's cell reads.</summary>
internal sealed record ReportColumn(string Header, bool AlignRight, Func<MethodResult, string> Cell);
