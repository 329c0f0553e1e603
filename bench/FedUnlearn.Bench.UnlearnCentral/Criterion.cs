namespace FedUnlearn.Bench.UnlearnCentral;

/// <summary>One target of the benchmark: a figure of a method's row (given retraining's row of the same model and scenario) and its bound.</summary>
/// <param name="Scenario">The scenario it applies to (null: the worst over every scenario run).</param>
/// <param name="Key">The RESULT key suffix, e.g. <c>mia_gap</c>.</param>
/// <param name="Label">The table header.</param>
/// <param name="Value">The figure; null when not measured.</param>
/// <param name="Limit">The bound.</param>
/// <param name="AtLeast">True when the figure must reach the bound (speed-up), false when it must stay under it.</param>
internal sealed record Criterion(string? Scenario, string Key, string Label, Func<ResultRow, ResultRow, double?> Value, double Limit, bool AtLeast = false)
{
    /// <summary>The targets, in table order.</summary>
    public static IReadOnlyList<Criterion> All { get; } =
    [
        new("s1", "mia_gap", "S1 \\|MIA − retrain\\| ≤ 0.03", (m, r) => Gap(m.Mia, r.Mia), 0.03),
        new("s1", "test_gap", "S1 \\|test − retrain\\| ≤ 1.5 pt", (m, r) => Gap(m.TestAccuracy, r.TestAccuracy), 0.015),
        new("s2", "forget_acc", "S2 forget acc ≤ 5%", (m, _) => m.ForgetAccuracy, 0.05),
        new("s2", "test_gap", "S2 \\|other-class test − retrain\\| ≤ 2 pt", (m, r) => Gap(m.TestOtherClasses, r.TestOtherClasses), 0.02),
        new("s3", "asr_gap", "S3 \\|ASR − retrain\\| ≤ 3 pt", (m, r) => Gap(m.AttackSuccess, r.AttackSuccess), 0.03),
        new("s3", "test_gap", "S3 \\|test − retrain\\| ≤ 1.5 pt", (m, r) => Gap(m.TestAccuracy, r.TestAccuracy), 0.015),
        new(null, "speedup", "speed-up ≥ 5× (CPU time, worst scenario)", (m, _) => m.SpeedUp, 5, AtLeast: true),
    ];

    /// <summary>The worse of two figures under this criterion.</summary>
    public double Worse(double a, double b) => AtLeast ? Math.Min(a, b) : Math.Max(a, b);

    public bool Met(double value) => AtLeast ? value >= Limit : value <= Limit;

    private static double? Gap(double? a, double? b) => a is { } x && b is { } y ? Math.Abs(x - y) : null;
}
