namespace FedUnlearn.Learning.Metrics.Internal;

/// <summary>
/// Logistic regression on one feature: the feature is standardised with the training data's mean and
/// standard deviation, then intercept b and weight w minimise
/// <c>mean(log-loss) + (λ/2)·w²</c> (the intercept is not penalised) by Newton's method with step
/// halving. The objective is strictly convex in w, so the fit is unique and deterministic; the small
/// penalty keeps w finite when members and non-members are perfectly separable.
/// </summary>
internal readonly record struct LogisticRegression1D(double Mean, double Scale, double Intercept, double Weight)
{
    private const int MaxIterations = 100;

    /// <summary>Fits on <paramref name="x"/> with labels <paramref name="y"/> (true = member).</summary>
    public static LogisticRegression1D Fit(ReadOnlySpan<double> x, ReadOnlySpan<bool> y, double l2Penalty)
    {
        var (mean, scale) = Standardisation(x);
        var z = new double[x.Length];
        for (var i = 0; i < z.Length; i++) z[i] = (x[i] - mean) / scale;

        double b = 0, w = 0;
        var objective = Objective(z, y, b, w, l2Penalty);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            double gb = 0, gw = 0, hbb = 0, hbw = 0, hww = 0;
            for (var i = 0; i < z.Length; i++)
            {
                var p = Sigmoid(b + w * z[i]);
                var r = p - (y[i] ? 1 : 0);
                var s = p * (1 - p);
                gb += r; gw += r * z[i];
                hbb += s; hbw += s * z[i]; hww += s * z[i] * z[i];
            }
            double n = z.Length;
            gb /= n; gw = gw / n + l2Penalty * w;
            // A tiny ridge keeps the 2×2 system solvable when every p has saturated at 0 or 1.
            hbb = hbb / n + 1e-12; hbw /= n; hww = hww / n + l2Penalty + 1e-12;
            if (Math.Max(Math.Abs(gb), Math.Abs(gw)) < 1e-12) break;

            var det = hbb * hww - hbw * hbw;
            var db = (hww * gb - hbw * gw) / det;
            var dw = (hbb * gw - hbw * gb) / det;
            if (!double.IsFinite(db) || !double.IsFinite(dw)) { db = gb; dw = gw; }

            // Step halving makes every iteration decrease the objective, so Newton cannot overshoot.
            var t = 1.0;
            var next = Objective(z, y, b - db, w - dw, l2Penalty);
            while (next > objective && t > 1e-10)
            {
                t /= 2;
                next = Objective(z, y, b - t * db, w - t * dw, l2Penalty);
            }
            if (next > objective) break;
            b -= t * db; w -= t * dw;
            var improvement = objective - next;
            objective = next;
            if (improvement < 1e-15 && Math.Max(Math.Abs(t * db), Math.Abs(t * dw)) < 1e-10) break;
        }
        return new LogisticRegression1D(mean, scale, b, w);
    }

    /// <summary>The logit b + w·(x − mean)/scale; positive means "member".</summary>
    public double Decision(double x) => Intercept + Weight * (x - Mean) / Scale;

    /// <summary>Predicts member when the decision is ≥ 0 (probability ≥ ½).</summary>
    public bool PredictMember(double x) => Decision(x) >= 0;

    private static (double Mean, double Scale) Standardisation(ReadOnlySpan<double> x)
    {
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double variance = 0;
        foreach (var v in x) variance += (v - mean) * (v - mean);
        var sd = Math.Sqrt(variance / x.Length);
        // A constant feature carries no information: keep it centred at 0 and the fit gives w = 0.
        return (mean, sd > 0 && double.IsFinite(sd) ? sd : 1);
    }

    private static double Objective(double[] z, ReadOnlySpan<bool> y, double b, double w, double l2Penalty)
    {
        double sum = 0;
        for (var i = 0; i < z.Length; i++)
        {
            var logit = b + w * z[i];
            // log-loss = softplus(logit) − y·logit, with softplus evaluated without overflow.
            sum += Softplus(logit) - (y[i] ? logit : 0);
        }
        return sum / z.Length + 0.5 * l2Penalty * w * w;
    }

    private static double Softplus(double v) => v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));

    private static double Sigmoid(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));
}
