using FedUnlearn.Server.Aggregation.Validation;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class UpdateValidatorTests
{
    private static readonly UpdateValidator Validator = new(new UpdateValidatorOptions { MaxSampleCount = 1000 });

    [Fact]
    public void Validate_NaNValues_NamesTensorCountAndFirstIndex()
    {
        var global = Of(("fc1.lora_A", [2], new float[2]), ("fc1.lora_B", [4], new float[4]));
        var update = Of(("fc1.lora_A", [2], new float[2]), ("fc1.lora_B", [4], [0, float.NaN, float.NaN, float.NegativeInfinity]));

        var result = Validator.Validate(global, Delta("c", 1, update));

        Assert.Equal("tensor 'fc1.lora_B' has 3 non-finite values (first at index 1)", result.Reason);
    }

    [Fact]
    public void Validate_InfinityInTwoTensors_ListsBoth()
    {
        var global = Of(("a", [1], [0f]), ("b", [1], [0f]));

        var result = Validator.Validate(global, Delta("c", 1, Of(("a", [1], [float.PositiveInfinity]), ("b", [1], [float.NaN]))));

        Assert.Equal("tensor 'a' has 1 non-finite value (first at index 0); tensor 'b' has 1 non-finite value (first at index 0)", result.Reason);
    }

    [Fact]
    public void Validate_WrongShape_ReportsActualAndExpected()
    {
        var global = Of(("fc1.lora_A", [8, 256], new float[8 * 256]));

        var result = Validator.Validate(global, Delta("c", 1, Of(("fc1.lora_A", [8, 784], new float[8 * 784]))));

        Assert.Equal("layout differs from the global adapter: 'fc1.lora_A' has shape [8, 784], expected [8, 256]", result.Reason);
    }

    [Fact]
    public void Validate_MissingAndUnexpectedNames_ReportsBoth()
    {
        var global = Of(("a", [1], [0f]), ("b", [1], [0f]));

        var result = Validator.Validate(global, Delta("c", 1, Of(("a", [1], [0f]), ("z", [1], [0f]))));

        Assert.Equal("layout differs from the global adapter: missing 'b'; unexpected 'z'", result.Reason);
    }

    [Theory]
    [InlineData(0, "sample count 0 must be positive")]
    [InlineData(-3, "sample count -3 must be positive")]
    [InlineData(1001, "sample count 1001 exceeds the declared maximum 1000")]
    public void Validate_BadSampleCount_Rejected(long samples, string reason) =>
        Assert.Equal(reason, Validator.Validate(Vector("w", 0), Delta("c", samples, Vector("w", 1))).Reason);

    [Fact]
    public void Validate_DeltaNormAboveBound_Rejected()
    {
        var validator = new UpdateValidator(new UpdateValidatorOptions { MaxDeltaNorm = 4 });

        var result = validator.Validate(Vector("w", 1, 1), Adapter("c", 1, Vector("w", 4, 5)));

        Assert.Equal("delta L2 norm 5 exceeds the bound 4", result.Reason);
    }

    [Fact]
    public void Validate_WellFormedUpdate_Valid()
    {
        var result = Validator.Validate(Vector("w", 0, 0), Delta("c", 1000, Vector("w", 1, 2)));

        Assert.True(result.IsValid);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Options_NonPositiveMaximum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpdateValidator(new UpdateValidatorOptions { MaxSampleCount = 0 }));
}
