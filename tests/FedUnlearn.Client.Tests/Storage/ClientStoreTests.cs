using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Tests.Storage;

public sealed class ClientStoreTests : IDisposable
{
    private readonly TempStoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task OpenAsync_NewDirectory_CreatesStoreFileInWalMode()
    {
        var nested = Path.Combine(_dir.Path, "node-a");

        await using (var store = await ClientStore.OpenAsync(nested))
        {
            Assert.Equal(Path.Combine(nested, ClientStore.FileName), store.Path);
            Assert.Equal(0, store.Tombstones.Count);
            Assert.Empty(await store.ForgetRequests.ListAsync());
        }

        Assert.True(File.Exists(Path.Combine(nested, ClientStore.FileName)));
        var header = File.ReadAllBytes(Path.Combine(nested, ClientStore.FileName)).AsSpan(0, 20).ToArray();
        Assert.Equal("SQLite format 3\0"u8.ToArray(), header[..16]);
        Assert.Equal(2, header[18]); // file format write version 2 = WAL
    }

    [Fact]
    public async Task OpenAsync_NotAnSqliteFile_ThrowsNamingPath()
    {
        await File.WriteAllTextAsync(_dir.StoreFile, string.Concat(Enumerable.Repeat("not a database, just text. ", 200)));

        var ex = await Assert.ThrowsAsync<ClientStoreException>(async () => await _dir.OpenAsync());

        Assert.Equal(_dir.StoreFile, ex.Path);
        Assert.Contains(_dir.StoreFile, ex.Message);
        Assert.Contains("corrupted", ex.Message);
    }

    [Fact]
    public async Task OpenAsync_CorruptedAfterHeader_ThrowsNamingPath()
    {
        await using (var store = await _dir.OpenAsync())
        {
            await store.Tombstones.AddAsync([1, 2, 3]);
        }

        var bytes = await File.ReadAllBytesAsync(_dir.StoreFile);
        Array.Fill(bytes, (byte)0xA5, 100, bytes.Length - 100); // keep the header, wreck every page
        await File.WriteAllBytesAsync(_dir.StoreFile, bytes);

        var ex = await Assert.ThrowsAsync<ClientStoreException>(async () => await _dir.OpenAsync());

        Assert.Equal(_dir.StoreFile, ex.Path);
        Assert.Contains(_dir.StoreFile, ex.Message);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsNamingBothVersions()
    {
        await (await _dir.OpenAsync()).DisposeAsync();
        var newer = ClientStore.SchemaVersion + 1;
        _dir.ExecuteRaw($"UPDATE schema_info SET version = {newer}");

        var ex = await Assert.ThrowsAsync<ClientStoreException>(async () => await _dir.OpenAsync());

        Assert.Equal(_dir.StoreFile, ex.Path);
        Assert.Contains($"schema version {newer}", ex.Message);
        Assert.Contains($"up to version {ClientStore.SchemaVersion}", ex.Message);
    }

    [Fact]
    public async Task OpenAsync_ForeignSqliteDatabase_RefusesAndLeavesItUntouched()
    {
        _dir.ExecuteRaw("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)");

        var ex = await Assert.ThrowsAsync<ClientStoreException>(async () => await _dir.OpenAsync());

        Assert.Contains("not a FedUnlearn client store", ex.Message);
        _dir.ExecuteRaw("INSERT INTO patients (name) VALUES ('still here')"); // no schema_info was added, table intact
    }

    [Fact]
    public async Task OpenAsync_AlreadyOpenElsewhere_ThrowsInUse()
    {
        await using var first = await _dir.OpenAsync();

        var ex = await Assert.ThrowsAsync<ClientStoreException>(async () => await _dir.OpenAsync());

        Assert.Contains("in use", ex.Message);
        Assert.Equal(1, await first.Tombstones.AddAsync([7])); // the owner is unaffected
    }

    [Fact]
    public async Task OpenAsync_ExistingStore_KeepsSchemaVersion()
    {
        await (await _dir.OpenAsync()).DisposeAsync();
        await (await _dir.OpenAsync()).DisposeAsync();

        _dir.ExecuteRaw($"INSERT INTO node_state VALUES ('probe', (SELECT version FROM schema_info), 0)");
        await using var store = await _dir.OpenAsync();
        Assert.Equal(ClientStore.SchemaVersion.ToString(), await store.Node.GetAsync("probe"));
    }

    [Fact]
    public async Task Operations_AfterDispose_ThrowObjectDisposed()
    {
        var store = await _dir.OpenAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.Tombstones.AddAsync([1]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ForgetRequests.ListPendingAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.Node.GetClientIdAsync());
    }
}
