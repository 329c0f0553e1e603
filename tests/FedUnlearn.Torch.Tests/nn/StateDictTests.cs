using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests.nn;

public sealed class StateDictTests
{
    [Fact]
    public void StateDict_RoundTrip_CopiesValuesIntoAnotherModel()
    {
        using var scope = torch.NewDisposeScope();
        using var source = Model();
        using var target = Model();
        using var x = torch.randn([3, 4]);

        var result = target.load_state_dict(source.state_dict());

        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        Assert.True(source.forward(x).equal(target.forward(x)));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], source.state_dict().Keys);
    }

    [Fact]
    public void StateDict_Values_AreDetachedViewsThatTheCallerMayDispose()
    {
        using var model = torch.nn.Linear(2, 2);
        var dict = model.state_dict();
        Assert.False(dict["weight"].requires_grad);

        using (torch.no_grad())
        {
            model.weight.fill_(3);
        }

        Assert.All(dict["weight"].ToArray<float>(), v => Assert.Equal(3f, v));
        foreach (var t in dict.Values)
        {
            t.Dispose();
        }

        Assert.False(model.weight.IsDisposed);
    }

    [Fact]
    public void LoadStateDict_MissingUnexpectedAndMisShapedKeys_NamesEachAndChangesNothing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model();
        var before = model.parameters().Select(p => p.ToArray<float>()).ToList();
        var bad = new Dictionary<string, Tensor>
        {
            ["0.weight"] = torch.zeros(5, 4),
            ["0.bias"] = torch.zeros(5),
            ["2.weight"] = torch.zeros(4, 5),
            ["extra.weight"] = torch.zeros(1),
        };

        var ex = Assert.Throws<StateDictLoadException>(() => model.load_state_dict(bad));

        Assert.Equal(["2.bias"], ex.MissingKeys);
        Assert.Equal(["extra.weight"], ex.UnexpectedKeys);
        var mismatch = Assert.Single(ex.MismatchedKeys);
        Assert.Equal("2.weight", mismatch.Key);
        Assert.Equal([2L, 5L], mismatch.Expected);
        Assert.Equal([4L, 5L], mismatch.Actual);
        Assert.Contains("2.bias", ex.Message);
        Assert.Contains("extra.weight", ex.Message);
        Assert.Contains("2.weight: expected [2, 5], got [4, 5]", ex.Message);
        // 0.weight and 0.bias fitted, but nothing may be copied when any key is wrong.
        Assert.Equal(before, model.parameters().Select(p => p.ToArray<float>()).ToList());
    }

    [Fact]
    public void LoadStateDict_NonStrict_ReportsMissingAndUnexpectedAndLoadsTheRest()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model();
        var oldBias = model.get_parameter("2.bias").ToArray<float>();
        var partial = new Dictionary<string, Tensor> { ["0.bias"] = torch.full([5], 7), ["other"] = torch.zeros(1) };

        var result = model.load_state_dict(partial, strict: false);

        Assert.Equal(["0.weight", "2.weight", "2.bias"], result.MissingKeys);
        Assert.Equal(["other"], result.UnexpectedKeys);
        Assert.All(model.get_parameter("0.bias").ToArray<float>(), v => Assert.Equal(7f, v));
        Assert.Equal(oldBias, model.get_parameter("2.bias").ToArray<float>());
        Assert.Throws<StateDictLoadException>(() => model.load_state_dict(new Dictionary<string, Tensor> { ["0.bias"] = torch.zeros(4) }, strict: false));
    }

    [Fact]
    public void LoadStateDict_Float64Values_AreConvertedIntoFloat32Parameters()
    {
        using var scope = torch.NewDisposeScope();
        using var model = torch.nn.Linear(2, 1);
        var values = new Dictionary<string, Tensor>
        {
            ["weight"] = torch.tensor<double>([0.25, -0.5], [1, 2]),
            ["bias"] = torch.tensor<double>([1.5]),
        };

        model.load_state_dict(values);

        Assert.Equal([0.25f, -0.5f], model.weight.ToArray<float>());
        Assert.Equal(ScalarType.Float32, model.weight.dtype);
        Assert.True(model.weight.requires_grad);
        Assert.True(model.weight.is_leaf);
    }

    private static Modules.Sequential Model() => torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Tanh(), torch.nn.Linear(5, 2));
}
