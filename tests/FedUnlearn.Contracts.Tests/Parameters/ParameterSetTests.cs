using FedUnlearn.Contracts.Parameters;

namespace FedUnlearn.Contracts.Tests.Parameters;

public class ParameterSetTests
{
    private static ParameterSet Sample() => new(
    [
        new ParameterTensor("layer.lora_A", [2, 3], [0.5f, -1.0f, 2.25f, 0.0f, 1e-3f, -7.75f]),
        new ParameterTensor("bias", [], [3.0f]),
    ]);

    [Fact]
    public void ContentHash_KnownSet_MatchesIndependentlyComputedValue()
    {
        // Computed with Python's hashlib + struct over the documented layout: per tensor the UTF-8
        // name, int32 LE rank, int32 LE dimensions, float32 LE values. Pinned so that any change to
        // the hash (which would orphan stored adapter versions and audit records) fails here.
        Assert.Equal("ab2b03f823bc9580762eb58d557d6a39df2209e98480bf7415c51727131c087a", Sample().ContentHash());
    }

    [Fact]
    public void ContentHash_CloneEqual_ValueOrOrderChangeDiffers()
    {
        var set = Sample();
        var changed = set.Clone();
        changed["bias"].Data[0] = 3.0000002f;
        var reordered = new ParameterSet(set.Reverse().Select(t => t.Clone()));

        Assert.Equal(set.ContentHash(), set.Clone().ContentHash());
        Assert.NotEqual(set.ContentHash(), changed.ContentHash());
        Assert.NotEqual(set.ContentHash(), reordered.ContentHash());
    }
}
