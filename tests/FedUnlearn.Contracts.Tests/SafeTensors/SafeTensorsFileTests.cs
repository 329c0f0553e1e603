using System.Buffers.Binary;
using System.Text;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Contracts.Tests.SafeTensors;

public class SafeTensorsFileTests
{
    private static SafeTensorsFile Sample() => new(
    [
        SafeTensor.FromSingles("w", [2, 3], [1.5f, -2.25f, 0f, float.MaxValue, float.Epsilon, float.NaN]),
        SafeTensor.FromDoubles("d", [2], [Math.PI, -1e-300]),
        SafeTensor.FromInt64s("steps", [3], [long.MinValue, 0, long.MaxValue]),
        SafeTensor.FromSingles("empty", [0, 4], []),
        SafeTensor.FromSingles("scalar", [], [42.5f]),
    ], [new("format", "pt"), new("round", "7")]);

    [Fact]
    public void Read_WhatWasWritten_ReturnsSameDTypesShapesValuesAndMetadata()
    {
        var back = SafeTensorsFile.Read(Sample().ToArray());

        Assert.Equal(5, back.Tensors.Count);
        Assert.Equal(SafeTensorDType.F32, back["w"].DType);
        Assert.Equal([2L, 3], back["w"].Shape);
        Assert.Equal(Sample()["w"].ToSingles(), back["w"].ToSingles()); // NaN compares equal in Assert.Equal
        Assert.Equal([Math.PI, -1e-300], back["d"].ToDoubles());
        Assert.Equal([long.MinValue, 0, long.MaxValue], back["steps"].ToInt64s());
        Assert.Equal([0L, 4], back["empty"].Shape);
        Assert.Empty(back["empty"].ToSingles());
        Assert.Empty(back["scalar"].Shape);
        Assert.Equal(1, back["scalar"].ElementCount);
        Assert.Equal([42.5f], back["scalar"].ToSingles());
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["round"] = "7" }, back.Metadata);
    }

    [Fact]
    public void ToArray_TensorsAddedInAnyOrder_GivesIdenticalBytesAlignedHeaderAndAlignedTensors()
    {
        var forward = Sample();
        var reversed = new SafeTensorsFile(forward.Tensors.Reverse(), forward.Metadata.Reverse());

        var bytes = forward.ToArray();

        Assert.Equal(bytes, reversed.ToArray());
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        // Data order: 8-byte dtypes first (I64 > F64 in the reference order), then F32 by name.
        Assert.Equal(["steps", "d", "empty", "scalar", "w"], SafeTensorsFile.Read(bytes).Tensors.Select(t => t.Name));
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\",\"round\":\"7\"},\"steps\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]}", header);
    }

    [Fact]
    public async Task ReadAsync_NonSeekableStream_ReadsTheSameAsBytes()
    {
        var bytes = Sample().ToArray();
        await using var stream = new NonSeekableStream(bytes);

        var back = await SafeTensorsFile.ReadAsync(stream);

        Assert.Equal(bytes, back.ToArray());
    }

    [Fact]
    public async Task WriteFileAsync_ThenReadFileAsync_RoundTripsAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("adapter.safetensors");
        await File.WriteAllTextAsync(path, "old content is replaced");

        await Sample().WriteFileAsync(path);
        var back = await SafeTensorsFile.ReadFileAsync(path);

        Assert.Equal(Sample().ToArray(), back.ToArray());
        Assert.Equal(["adapter.safetensors"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ToArray_NoTensorsNoMetadata_IsEightBytePrefixAndPaddedEmptyObject()
    {
        var bytes = new SafeTensorsFile().ToArray();

        Assert.Equal(16, bytes.Length);
        Assert.Equal(8UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal("{}      ", Encoding.ASCII.GetString(bytes, 8, 8));
        Assert.Empty(SafeTensorsFile.Read(bytes).Tensors);
    }

    [Fact]
    public void Add_DuplicateOrReservedName_Throws()
    {
        var file = new SafeTensorsFile([SafeTensor.FromSingles("a", [1], [1f])]);

        Assert.Contains("Duplicate tensor name 'a'", Assert.Throws<ArgumentException>(() => file.Add(SafeTensor.FromSingles("a", [1], [2f]))).Message);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => file.Add(SafeTensor.FromSingles("__metadata__", [1], [2f]))).Message);
    }

    [Fact]
    public void SafeTensor_BytesDisagreeWithShape_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SafeTensor("x", SafeTensorDType.F32, [2, 2], new byte[12]));

        Assert.Contains("Tensor 'x': F32 × [2, 2] needs 16 bytes but 12 were given", e.Message);
    }

    [Fact]
    public void ToSingles_HalfAndBFloat16_WidenExactly()
    {
        var half = new SafeTensor("h", SafeTensorDType.F16, [2], BitConverter.GetBytes((Half)1.5).Concat(BitConverter.GetBytes((Half)(-0.25))).ToArray());
        // bfloat16 of 3.0f is the upper 16 bits of 0x40400000.
        var bf16 = new SafeTensor("b", SafeTensorDType.BF16, [1], new byte[] { 0x40, 0x40 });

        Assert.Equal([1.5f, -0.25f], half.ToSingles());
        Assert.Equal([3.0f], bf16.ToSingles());
        Assert.Contains("has dtype I64", Assert.Throws<InvalidOperationException>(() => SafeTensor.FromInt64s("i", [1], [1]).ToSingles()).Message);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
