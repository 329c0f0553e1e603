namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Wire constants of HTTP/2 (RFC 9113) that the client uses.</summary>
internal static class Http2Protocol
{
    public const int FrameHeaderLength = 9;
    public const int DefaultMaxFrameSize = 16_384;
    public const int MaxAllowedFrameSize = 16_777_215;
    public const int DefaultWindowSize = 65_535;
    public const int MaxWindowSize = int.MaxValue;

    // Frame types.
    public const byte Data = 0x0, Headers = 0x1, Priority = 0x2, RstStream = 0x3, Settings = 0x4,
        PushPromise = 0x5, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8, Continuation = 0x9;

    // Flags.
    public const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8, PriorityFlag = 0x20;

    // Settings identifiers.
    public const ushort HeaderTableSize = 0x1, EnablePush = 0x2, MaxConcurrentStreams = 0x3,
        InitialWindowSize = 0x4, MaxFrameSize = 0x5, MaxHeaderListSize = 0x6;

    /// <summary>The client connection preface (RFC 9113 §3.4).</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;
}
