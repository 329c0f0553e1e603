using FedUnlearn.Rpc.Client.Internal.Http2;

namespace FedUnlearn.Rpc.Tests.Client.Internal.Http2;

public sealed class FrameHeaderTests
{
    [Fact]
    public void WriteThenRead_LargeDataFrame_RoundTrips()
    {
        var header = new FrameHeader(1 << 20, Http2Protocol.Data, Http2Protocol.EndStream, 0x7FFF_FFFF);
        var bytes = new byte[9];
        header.Write(bytes);
        Assert.Equal("100000" + "00" + "01" + "7fffffff", Convert.ToHexString(bytes).ToLowerInvariant());
        Assert.Equal(header, FrameHeader.Read(bytes));
    }

    [Fact]
    public void Read_ReservedBitSet_IgnoresIt()
    {
        FrameHeader header = FrameHeader.Read(Convert.FromHexString("000004080080000003"));
        Assert.Equal((4, Http2Protocol.WindowUpdate, 3), (header.Length, header.Type, header.StreamId));
    }

    [Fact]
    public void Settings_TwoEntries_EncodesLengthAndValues()
    {
        byte[] frame = FrameBuilder.Settings((Http2Protocol.EnablePush, 0u), (Http2Protocol.InitialWindowSize, 8u << 20));
        Assert.Equal("00000c040000000000" + "000200000000" + "000400800000", Convert.ToHexString(frame).ToLowerInvariant());
    }
}
