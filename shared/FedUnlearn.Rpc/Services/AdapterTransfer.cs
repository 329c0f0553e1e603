using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc.Client;

namespace FedUnlearn.Rpc.Services;

/// <summary>
/// The chunked halves of the adapter transfers, usable with or without a resilience pipeline:
/// writing a SubmitUpdate stream (header, then chunks) and reading a FetchAdapter stream into an
/// <see cref="AdapterAssembler"/>.
/// </summary>
public static class AdapterTransfer
{
    /// <summary>
    /// Writes <paramref name="header"/> (with <paramref name="payload"/>'s header, if any) then every chunk.
    /// Does not complete the stream. Safe to call again on a retry: the header is cloned, not changed.
    /// </summary>
    public static async Task WriteUpdateAsync(IClientStreamWriter<SubmitUpdateRequest> writer, SubmitUpdateHeader header,
        ChunkedPayload? payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        SubmitUpdateHeader sent = header.Clone();
        sent.Payload = payload?.Header;
        await writer.WriteAsync(new SubmitUpdateRequest { Header = sent }, cancellationToken).ConfigureAwait(false);
        if (payload is null)
        {
            return;
        }

        foreach (AdapterChunk chunk in payload.Chunks)
        {
            await writer.WriteAsync(new SubmitUpdateRequest { Chunk = chunk }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a whole FetchAdapter stream and returns the checked adapter.</summary>
    /// <exception cref="InvalidDataException">No header first, a second header, a bad chunk, a sha256,
    /// layout or content-hash mismatch.</exception>
    public static async Task<FetchedAdapter> ReadAdapterAsync(IAsyncEnumerable<FetchAdapterResponse> responses,
        AdapterAssemblerOptions? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responses);
        AdapterHeader? header = null;
        AdapterAssembler? assembler = null;
        try
        {
            await foreach (FetchAdapterResponse message in responses.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                switch (message.PartCase)
                {
                    case FetchAdapterResponse.PartOneofCase.Header when header is null:
                        header = message.Header;
                        assembler = new AdapterAssembler(header.Payload ?? throw Bad("the header carries no payload description"), limits);
                        break;
                    case FetchAdapterResponse.PartOneofCase.Chunk when assembler is not null:
                        assembler.Add(message.Chunk);
                        break;
                    default:
                        throw Bad(header is null ? "the stream did not start with a header" : $"unexpected {message.PartCase} after the header");
                }
            }

            if (header is null || assembler is null)
            {
                throw Bad("the stream ended without a header");
            }

            var parameters = assembler.CompleteParameterSet();
            string hash = parameters.ContentHash();
            if (!string.Equals(hash, header.ContentHash, StringComparison.OrdinalIgnoreCase))
            {
                throw Bad($"content hash {hash} differs from the declared {header.ContentHash}");
            }

            return new FetchedAdapter(header.Version, hash, parameters);
        }
        finally
        {
            assembler?.Dispose();
        }
    }

    /// <summary>Writes <paramref name="payload"/> as a FetchAdapter stream: header, then chunks.</summary>
    public static async Task WriteAdapterAsync(Server.IServerStreamWriter<FetchAdapterResponse> writer, ulong version, string contentHash,
        ChunkedPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(payload);
        var header = new AdapterHeader { Version = version, ContentHash = contentHash, Payload = payload.Header };
        await writer.WriteAsync(new FetchAdapterResponse { Header = header }, cancellationToken).ConfigureAwait(false);
        foreach (AdapterChunk chunk in payload.Chunks)
        {
            await writer.WriteAsync(new FetchAdapterResponse { Chunk = chunk }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static InvalidDataException Bad(string problem) => new($"Invalid adapter download: {problem}.");
}
