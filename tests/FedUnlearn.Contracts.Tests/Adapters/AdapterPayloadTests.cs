using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Contracts.Tests.Adapters;

public class AdapterPayloadTests
{
    [Fact]
    public void DescribeLayoutMismatch_SameLayout_IsNull()
    {
        var layout = AdapterPayload.Layout(AdapterTestData.Large());

        Assert.Null(AdapterPayload.DescribeLayoutMismatch(layout, AdapterPayload.Layout(AdapterTestData.Large())));
    }

    [Fact]
    public void DescribeLayoutMismatch_EveryKindOfDifference_IsListed()
    {
        var expected = AdapterPayload.Layout(new ParameterSet(
        [
            new ParameterTensor("a", [2], [1, 2]),
            new ParameterTensor("b", [1], [1]),
            new ParameterTensor("c", [1], [1]),
        ]));
        var actual = AdapterPayload.Layout(new ParameterSet(
        [
            new ParameterTensor("b", [1], [1]),
            new ParameterTensor("a", [1, 2], [1, 2]),
            new ParameterTensor("x", [1], [1]),
        ]));
        actual[0].Dtype = DType.F64;

        var problems = AdapterPayload.DescribeLayoutMismatch(expected, actual);

        Assert.Equal(
            "'a' has shape [1, 2], expected [2]; 'a' is at position 1, expected 0; 'b' has dtype F64, expected F32; " +
            "'b' is at position 0, expected 1; missing 'c'; unexpected 'x'",
            problems);
    }

    [Fact]
    public void Decode_NotSafeTensors_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => AdapterPayload.Decode(new byte[] { 1, 2, 3 }));
    }
}
