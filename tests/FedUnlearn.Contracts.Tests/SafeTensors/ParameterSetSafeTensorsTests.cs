using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Contracts.Tests.SafeTensors;

public class ParameterSetSafeTensorsTests
{
    private static ParameterSet Unsorted() => new(
    [
        new ParameterTensor("z.lora_B", [3, 2], [1, 2, 3, 4, 5, 6]),
        new ParameterTensor("a.lora_A", [2, 4], [-1, -2, -3, -4, 0.125f, 1e-20f, 7, 8]),
        new ParameterTensor("m.scale", [], [0.75f]),
    ]);

    [Fact]
    public void ToParameterSet_AfterFileRoundTrip_KeepsOrderValuesAndContentHash()
    {
        var set = Unsorted();

        var back = SafeTensorsFile.Read(set.ToSafeTensors([new("round", "3")]).ToArray()).ToParameterSet();

        Assert.Equal(["z.lora_B", "a.lora_A", "m.scale"], back.Select(t => t.Name));
        Assert.Equal(set.ContentHash(), back.ContentHash());
        Assert.Null(set.DescribeLayoutMismatch(back));
    }

    [Fact]
    public void ToParameterSet_NoOrderMetadata_UsesDataOrder()
    {
        var file = new SafeTensorsFile([SafeTensor.FromSingles("b", [1], [2f]), SafeTensor.FromDoubles("a", [1], [0.1])]);

        var set = SafeTensorsFile.Read(file.ToArray()).ToParameterSet();

        // F64 data comes first in the canonical layout; values are rounded to float32.
        Assert.Equal(["a", "b"], set.Select(t => t.Name));
        Assert.Equal(0.1f, set["a"].Data[0]);
    }

    [Fact]
    public void ToParameterSet_OrderMetadataDisagreesWithTensors_Throws()
    {
        var file = Unsorted().ToSafeTensors();
        file.Metadata[ParameterSetSafeTensors.ParameterOrderKey] = """["z.lora_B","a.lora_A"]""";

        var e = Assert.Throws<InvalidDataException>(() => file.ToParameterSet());

        Assert.Contains("lists 2 names that do not match the file's 3 tensors", e.Message);
    }

    [Fact]
    public void ToParameterSet_IntegerTensor_Throws()
    {
        var file = new SafeTensorsFile([SafeTensor.FromInt64s("step", [], [1])]);

        Assert.Contains("Tensor 'step' has dtype I64; parameters must be floating-point", Assert.Throws<InvalidDataException>(() => file.ToParameterSet()).Message);
    }
}
