using FedUnlearn.Rpc.Server.Internal;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FedUnlearn.Rpc.Server;

/// <summary>Kestrel host settings for hosts that carry large gRPC messages.</summary>
public static class GrpcWebHostBuilderExtensions
{
    /// <summary>The buffer size <see cref="GrpcServer"/> uses unless told otherwise: 64 KiB.</summary>
    public const int DefaultTransportBufferSize = 64 * 1024;

    /// <summary>Free buffers kept for reuse per listener; beyond this they are left to the GC.</summary>
    internal const int MaxRetainedBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Gives Kestrel's socket transport a pool of <paramref name="bufferSize"/>-byte buffers in
    /// place of its 4 KiB ones. Kestrel receives into one buffer per socket read and moves
    /// HTTP/2 DATA through pipes built from the same buffers, so with 4 KiB a 1 MiB message costs
    /// ~500 receive calls and as many pipe hand-offs; with 64 KiB, a sixteenth of that. An idle
    /// connection holds no buffer (Kestrel waits for data before renting one).
    /// </summary>
    /// <param name="builder">The host, e.g. <c>WebApplicationBuilder.WebHost</c>.</param>
    /// <param name="bufferSize">Bytes per buffer, 4 KiB to 1 MiB (default 64 KiB).</param>
    public static IWebHostBuilder UseGrpcTransportBuffers(this IWebHostBuilder builder, int bufferSize = DefaultTransportBufferSize)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ValidateBufferSize(bufferSize, nameof(bufferSize));

        // Kestrel resolves the last registration; the transport asks it for one pool per listener.
        return builder.ConfigureServices(services =>
            services.AddSingleton<IMemoryPoolFactory<byte>>(new BlockMemoryPoolFactory(bufferSize, MaxRetainedBytes)));
    }

    internal static void ValidateBufferSize(int bufferSize, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 4096, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bufferSize, 1024 * 1024, name);
    }
}
