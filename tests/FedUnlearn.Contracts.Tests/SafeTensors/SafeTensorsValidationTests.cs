using System.Buffers.Binary;
using System.Text;
using FedUnlearn.Contracts.SafeTensors;

namespace FedUnlearn.Contracts.Tests.SafeTensors;

public class SafeTensorsValidationTests
{
    /// <summary>A file with <paramref name="json"/> as its header and <paramref name="dataLength"/> zero bytes of data.</summary>
    private static byte[] Raw(string json, int dataLength, ulong? declaredHeaderLength = null)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredHeaderLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    private static string ReadError(byte[] bytes, SafeTensorsReadOptions? options = null) =>
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(bytes, options)).Message;

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12,
        "tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12,
        "tensor 'b': data_offsets [8, 12] leave a gap after byte 4")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", 12,
        "tensor 'w': data_offsets [0, 12] hold 12 bytes but F32 × [2, 2] needs 16")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 8, "tensor 'w': data_offsets [8, 4] end before they begin")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}""", 4, "the header is not valid JSON")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} x""", 4, "the header is not valid JSON")]
    [InlineData("""[1, 2]""", 0, "the header is not a JSON object")]
    [InlineData("""{"w":{"dtype":"F4","shape":[1],"data_offsets":[0,1]}}""", 1, "tensor 'w': unsupported dtype 'F4'")]
    [InlineData("""{"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'w': unsupported dtype 'f32'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "duplicate tensor name 'w'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1]}}""", 0, "tensor 'w': missing 'data_offsets'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"strides":[1]}}""", 4, "tensor 'w': unknown field 'strides'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "tensor 'w': 'shape' must hold non-negative integers")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}""", 8, "tensor 'w': 'data_offsets' must hold exactly [begin, end], got 3 numbers")]
    [InlineData("""{"__metadata__":{"epoch":3}}""", 0, "metadata value of 'epoch' must be a string")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 3, "truncated: the header declares 4 bytes of tensor data but 3 follow")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 6, "2 bytes follow the last tensor's data")]
    public void Read_MalformedFile_ThrowsNamingTheProblem(string json, int dataLength, string expected)
    {
        var message = ReadError(Raw(json, dataLength));

        Assert.Contains(expected, message);
        Assert.StartsWith("Invalid safetensors data: ", message);
    }

    [Fact]
    public void Read_TruncatedValidFile_ThrowsTruncated()
    {
        var bytes = new SafeTensorsFile([SafeTensor.FromSingles("w", [4], [1f, 2f, 3f, 4f])]).ToArray();

        Assert.Contains("truncated: the header declares 16 bytes of tensor data but 15 follow", ReadError(bytes[..^1]));
        Assert.Contains("5 bytes is shorter than the 8-byte header length prefix", ReadError(bytes[..5]));
        Assert.Contains("truncated: header length", ReadError(bytes[..20]));
    }

    [Fact]
    public void Read_HeaderLengthOverLimit_ThrowsBeforeAllocating()
    {
        Assert.Contains("header length 1099511627776 exceeds the limit of 100000000 bytes", ReadError(Raw("{}", 0, 1UL << 40)));
        Assert.Contains("exceeds the limit of 16 bytes", ReadError(Raw("{}                  ", 0), new SafeTensorsReadOptions { MaxHeaderLength = 16 }));
    }

    [Fact]
    public void Read_DataOverLimit_Throws()
    {
        var bytes = new SafeTensorsFile([SafeTensor.FromSingles("w", [4], [1f, 2f, 3f, 4f])]).ToArray();

        Assert.Contains("the tensors need 16 bytes, over the limit of 15", ReadError(bytes, new SafeTensorsReadOptions { MaxDataLength = 15 }));
    }

    [Fact]
    public async Task ReadAsync_StreamEndsEarly_ThrowsTruncated()
    {
        var bytes = new SafeTensorsFile([SafeTensor.FromSingles("w", [4], [1f, 2f, 3f, 4f])]).ToArray();
        await using var stream = new ForwardOnlyStream(bytes[..^4]);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SafeTensorsFile.ReadAsync(stream));

        Assert.Contains("truncated: the stream ended inside the 16 bytes of tensor data", e.Message);
    }

    [Fact]
    public async Task ReadFileAsync_CorruptFile_NamesThePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.safetensors");
        await File.WriteAllBytesAsync(path, Raw("{\"w\":", 0));

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => SafeTensorsFile.ReadFileAsync(path));

        Assert.StartsWith(path + ": Invalid safetensors data: the header is not valid JSON", e.Message);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
