using Microsoft.Win32.SafeHandles;

namespace FedUnlearn.Server.Storage.Internal;

/// <summary>
/// Writes one round's deltas into one file, sequentially as they arrive and without an fsync:
/// each append reserves its range under a lock, then writes header and payload with one positioned
/// write, so concurrent uploads never wait for each other's bytes. The file is created as
/// <c>*.partial</c> by the first append, and the directory is fsynced in the background then, while uploads
/// are still arriving, so that the name is durable long before the round closes. <see cref="SealAsync"/> is
/// the round's one durable write: an fsync of the file, then a rename to <c>*.pack</c> that need
/// not be durable itself (a store reopened after power loss finishes the rename of a
/// <c>.partial</c> its database records, and deletes any other). Only a sealed pack may be
/// referenced by a transaction. Memory is one delta at a time.
/// </summary>
internal sealed class PackWriter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly IDisposable _hold;
    private SafeFileHandle? _handle;
    private long _length;
    private int _appending;
    private int _count;
    private bool _sealed;
    private Task? _seal;
    private Task? _named;
    private bool _disposed;

    /// <param name="directory">The pack directory.</param>
    /// <param name="round">The round whose deltas it holds.</param>
    /// <param name="hold">Protects the file (by its sealed name) from pruning until disposed.</param>
    public PackWriter(string directory, long round, Func<string, IDisposable> hold)
    {
        _directory = directory;
        Round = round;
        var name = PackFormat.NewName(round);
        FileName = name + PackFormat.Extension;
        PartialPath = Path.Combine(directory, name + PackFormat.PartialExtension);
        _hold = hold(FileName);
    }

    public long Round { get; }

    /// <summary>The sealed file's name inside the pack directory (what the database records).</summary>
    public string FileName { get; }

    public string PartialPath { get; }

    public string FinalPath => Path.Combine(_directory, FileName);

    /// <summary>Bytes written so far (the sealed file's size).</summary>
    public long Length
    {
        get { lock (_gate) return _length; }
    }

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public async Task<PackEntry> AppendAsync(byte[] payload, string hash, CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        long offset;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sealed) throw new InvalidOperationException($"The delta pack of round {Round} is sealed; it takes no more deltas.");
            if (_handle is null)
            {
                _handle = File.OpenHandle(PartialPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
                RandomAccess.Write(_handle, PackFormat.FileHeader(Round), 0);
                _length = PackFormat.FileHeaderSize;
                // The new name made durable once per round, beside the uploads rather than in front of
                // them and long before the close: the seal waits for it, then needs only the file's fsync.
                _named = Task.Run(() => DirectorySync.Flush(_directory), CancellationToken.None);
            }

            handle = _handle;
            offset = _length;
            _length += PackFormat.EntryHeaderSize + payload.Length;
            _appending++;
        }

        try
        {
            await RandomAccess.WriteAsync(handle, [PackFormat.EntryHeader(payload.Length, hash), payload], offset, cancellationToken).ConfigureAwait(false);
            lock (_gate) _count++;
        }
        finally
        {
            lock (_gate) _appending--;
        }

        return new PackEntry(FileName, offset + PackFormat.EntryHeaderSize, payload.Length, hash);
    }

    /// <summary>
    /// The one durable write of the round: fsync, then rename into place. Idempotent, and concurrent
    /// callers share one seal: none returns before the bytes are on disk.
    /// </summary>
    public Task SealAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_seal is not null) return _seal;
            if (_appending > 0)
                throw new InvalidOperationException($"The delta pack of round {Round} still has {_appending} write(s) in flight; wait for them before sealing.");
            _sealed = true;
            return _seal = _handle is null ? Task.CompletedTask : Task.Run(Seal, CancellationToken.None);
        }
    }

    private async Task Seal()
    {
        await _named!.ConfigureAwait(false);
        RandomAccess.FlushToDisk(_handle!);
        File.Move(PartialPath, FinalPath, overwrite: false);
    }

    /// <summary>Closes the file; an unsealed one is deleted (nothing can reference it). A sealed one is left to pruning.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _handle?.Dispose();
            if (!_sealed && _handle is not null) File.Delete(PartialPath);
        }

        _hold.Dispose();
    }
}
