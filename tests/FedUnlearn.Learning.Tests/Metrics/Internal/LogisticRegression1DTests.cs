using FedUnlearn.Learning.Metrics.Internal;

namespace FedUnlearn.Learning.Tests.Metrics.Internal;

public class LogisticRegression1DTests
{
    [Fact]
    public void Fit_FixedData_MatchesIndependentOptimiser()
    {
        // Expected values from an independent fit of the same objective (mean log-loss + λ/2·w² on the
        // feature standardised with population sd, λ = 1e-2): numpy full-batch gradient descent run
        // to gradient 1e-17 (b = -0.060018178802807944, w = -1.5753034497039917), confirmed by torch
        // LBFGS (-0.0600181802, -1.5753034466). Script: same data formulas as below, /usr/bin/python3.
        var x = new double[80];
        var y = new bool[80];
        for (var i = 0; i < 40; i++)
        {
            x[i] = (i * 0.37) % 1.3;
            y[i] = true;
            x[40 + i] = 0.5 + (i * 0.61) % 1.7;
        }

        var model = LogisticRegression1D.Fit(x, y, l2Penalty: 1e-2);

        Assert.Equal(1.01375, model.Mean, 12);
        Assert.Equal(0.5564044729331353, model.Scale, 12);
        Assert.Equal(-0.060018178802807944, model.Intercept, 9);
        Assert.Equal(-1.5753034497039917, model.Weight, 9);
    }

    [Fact]
    public void Fit_SeparableData_StaysFiniteAndSeparates()
    {
        double[] x = [0.01, 0.02, 0.03, 0.04, 5, 6, 7, 8];
        bool[] y = [true, true, true, true, false, false, false, false];

        var model = LogisticRegression1D.Fit(x, y, l2Penalty: 1e-4);

        Assert.True(double.IsFinite(model.Weight) && double.IsFinite(model.Intercept));
        Assert.All(x.Zip(y), pair => Assert.Equal(pair.Second, model.PredictMember(pair.First)));
    }

    [Fact]
    public void Fit_ConstantFeature_HasZeroWeight()
    {
        double[] x = [2, 2, 2, 2];
        bool[] y = [true, false, true, false];

        var model = LogisticRegression1D.Fit(x, y, l2Penalty: 1e-4);

        Assert.Equal(0, model.Weight);
        Assert.Equal(0, model.Intercept, 12);
    }
}
