namespace FedUnlearn.Rpc.Server;

/// <summary>
/// Where the <c>bytes</c> fields of a streamed request live: in arrays of their own (the default,
/// protobuf's behaviour) or borrowed from a receive buffer the request stream reuses. Chosen per
/// method when binding a client-streaming or duplex handler.
/// </summary>
public enum RequestPayloads
{
    /// <summary>Each <c>bytes</c> field is a fresh array: the handler may keep messages as long as it likes.</summary>
    Owned,

    /// <summary>
    /// <c>bytes</c> fields of 4 KiB or more (at any depth; smaller ones are always copied) point
    /// into one receive buffer per call that the next message overwrites: they are valid only
    /// until the handler asks the request stream for the next message. Read, hash or copy them
    /// before that (<c>ByteString.CopyFrom(field.Span)</c> to keep one). The last message of a
    /// stream stays valid; the buffer is never shared with another call. Gzip-compressed
    /// messages are always owned. Saves allocating and zeroing an array for every large message:
    /// about a third of the server's CPU per MiB on 1 MiB chunks (bench/README.md, rpc).
    /// </summary>
    BorrowedUntilNextMessage,
}
