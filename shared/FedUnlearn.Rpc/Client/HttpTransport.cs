namespace FedUnlearn.Rpc.Client;

/// <summary>Which HTTP/2 client implementation a <see cref="GrpcChannel"/> sends its calls through.</summary>
public enum HttpTransport
{
    /// <summary>
    /// FedUnlearn's own HTTP/2 client connection: DATA frames up to the server's
    /// SETTINGS_MAX_FRAME_SIZE and one socket write per batch of frames, so streaming uploads
    /// cost far fewer system calls and thread hand-offs than with SocketsHttpHandler.
    /// </summary>
    Http2Client,

    /// <summary>.NET's <see cref="System.Net.Http.SocketsHttpHandler"/> (always 16 KiB DATA frames).</summary>
    SocketsHttpHandler,
}
