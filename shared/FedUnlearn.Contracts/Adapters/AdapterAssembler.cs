using System.Security.Cryptography;
using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Contracts.Adapters;

/// <summary>
/// Rebuilds a payload from a <see cref="PayloadHeader"/> and its chunks, strictly: chunks must come
/// in index order, each once, each of the exact declared size, and the whole must match the sha256.
/// Memory is the declared size, which is checked against <see cref="AdapterAssemblerOptions.MaxPayloadSize"/>
/// before anything is allocated. Any violation throws <see cref="InvalidDataException"/> and leaves
/// the assembler faulted, rejecting further input.
/// </summary>
public sealed class AdapterAssembler : IDisposable
{
    private const int Sha256Length = 32;
    private readonly PayloadHeader _header;
    private readonly byte[] _buffer;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _received;
    private bool _faulted;

    /// <summary>Validates <paramref name="header"/> and prepares to receive its chunks.</summary>
    /// <exception cref="InvalidDataException">The header is inconsistent or over the size limit.</exception>
    public AdapterAssembler(PayloadHeader header, AdapterAssemblerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        options ??= AdapterAssemblerOptions.Default;
        options.Validate();
        if (header.Format != PayloadFormat.Safetensors)
            throw Bad($"unsupported payload format {header.Format}; expected {PayloadFormat.Safetensors}");
        if (header.TotalSize > (ulong)options.MaxPayloadSize)
            throw Bad($"the payload declares {header.TotalSize} bytes, over the limit of {options.MaxPayloadSize}");
        if (header.ChunkSize is 0 or > AdapterChunker.MaxChunkSize)
            throw Bad($"chunk size {header.ChunkSize} is outside 1..{AdapterChunker.MaxChunkSize}");
        var expectedCount = (header.TotalSize + header.ChunkSize - 1) / header.ChunkSize;
        if (header.ChunkCount != expectedCount)
            throw Bad($"the header declares {header.ChunkCount} chunks but {header.TotalSize} bytes in chunks of {header.ChunkSize} make {expectedCount}");
        if (header.Sha256.Length != Sha256Length)
            throw Bad($"the sha256 is {header.Sha256.Length} bytes, expected {Sha256Length}");
        _header = header;
        _buffer = new byte[header.TotalSize];
    }

    /// <summary>Chunks accepted so far.</summary>
    public int ReceivedChunks => _received;

    /// <summary>Bytes accepted so far.</summary>
    public long ReceivedBytes => Math.Min((long)_received * _header.ChunkSize, _buffer.Length);

    /// <summary>True once every declared chunk has been accepted.</summary>
    public bool IsComplete => _received == _header.ChunkCount;

    /// <summary>Accepts the next chunk.</summary>
    /// <exception cref="InvalidDataException">The chunk is out of order, a duplicate, beyond the
    /// declared count, or not of the declared size.</exception>
    public void Add(AdapterChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ThrowIfFaulted();
        if (chunk.Index >= _header.ChunkCount)
            throw Fault($"too many chunks: chunk {chunk.Index} is beyond the declared {_header.ChunkCount}");
        if (chunk.Index < _received)
            throw Fault($"duplicate chunk {chunk.Index}: it was already received");
        if (chunk.Index > _received)
            throw Fault($"chunk {chunk.Index} arrived out of order: expected chunk {_received}");
        var offset = (long)chunk.Index * _header.ChunkSize;
        var expected = (int)Math.Min(_header.ChunkSize, _buffer.Length - offset);
        if (chunk.Data.Length != expected)
            throw Fault($"chunk {chunk.Index} holds {chunk.Data.Length} bytes, expected {expected}");
        chunk.Data.Span.CopyTo(_buffer.AsSpan((int)offset));
        _hash.AppendData(chunk.Data.Span);
        _received++;
    }

    /// <summary>The whole payload, once every chunk arrived and the sha256 matches.</summary>
    /// <exception cref="InvalidDataException">Chunks are missing or the sha256 differs.</exception>
    public ReadOnlyMemory<byte> Complete()
    {
        ThrowIfFaulted();
        if (!IsComplete)
            throw Fault($"too few chunks: received {_received} of {_header.ChunkCount}");
        var actual = _hash.GetHashAndReset();
        if (!_header.Sha256.Span.SequenceEqual(actual))
            throw Fault($"sha256 mismatch: the payload hashes to {Convert.ToHexStringLower(actual)} but the header declares {Convert.ToHexStringLower(_header.Sha256.Span)}");
        _faulted = true; // complete: the hash is consumed, further input is an error
        return _buffer;
    }

    /// <summary><see cref="Complete"/>, decoded and checked against the header's tensor layout.</summary>
    /// <exception cref="InvalidDataException">Chunks are missing, the sha256 differs, or the payload
    /// is not valid safetensors matching the declared layout.</exception>
    public ParameterSet CompleteParameterSet() => AdapterPayload.Decode(Complete(), _header.Tensors);

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();

    private void ThrowIfFaulted()
    {
        if (_faulted) throw Bad("the assembler already failed or completed; start a new one");
    }

    private InvalidDataException Fault(string problem)
    {
        _faulted = true;
        return Bad(problem);
    }

    private static InvalidDataException Bad(string problem) => new($"Invalid adapter transfer: {problem}.");
}
