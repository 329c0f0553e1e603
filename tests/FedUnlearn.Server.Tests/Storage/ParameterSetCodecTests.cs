using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Tests.Storage;

public class ParameterSetCodecTests
{
    private static readonly IParameterSetCodec Codec = ParameterSetCodecs.Default;

    private static ParameterSet Sample() => new(
    [
        new ParameterTensor("layers.0.q.lora_A", [2, 3], [1, -2, 3.5f, float.Epsilon, -0f, 6]),
        new ParameterTensor("bias", [0], []),
        new ParameterTensor("scalar", [], [42]),
    ]);

    [Fact]
    public void Decode_EncodedSet_SameNamesShapesAndBits()
    {
        var decoded = Codec.Decode(Codec.Encode(Sample()));

        Assert.Equal(Sample().ContentHash(), decoded.ContentHash());
        Assert.Equal(["layers.0.q.lora_A", "bias", "scalar"], decoded.Select(t => t.Name));
    }

    [Fact]
    public void Encode_EqualSets_EqualBytes() =>
        Assert.Equal(Codec.Encode(Sample()), Codec.Encode(Sample()));

    [Fact]
    public void Decode_TruncatedOrTrailingBytes_InvalidData()
    {
        var bytes = Codec.Encode(Sample());

        for (var cut = 0; cut < bytes.Length; cut++)
            Assert.Throws<InvalidDataException>(() => Codec.Decode(bytes.AsMemory(0, cut)));
        Assert.Throws<InvalidDataException>(() => Codec.Decode(bytes.Append((byte)0).ToArray()));
    }
}
