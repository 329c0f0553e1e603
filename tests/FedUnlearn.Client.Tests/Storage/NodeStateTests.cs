using FedUnlearn.Client.Storage;

namespace FedUnlearn.Client.Tests.Storage;

public sealed class NodeStateTests : IDisposable
{
    private readonly TempStoreDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Setters_ThenReopen_ValuesSurvive()
    {
        await using (var store = await _dir.OpenAsync())
        {
            Assert.Null(await store.Node.GetClientIdAsync());
            Assert.Null(await store.Node.GetGlobalAdapterVersionAsync());
            await store.Node.SetClientIdAsync("client-7");
            await store.Node.SetServerAddressAsync("https://agg.example:7443");
            await store.Node.SetGlobalAdapterVersionAsync(12);
            await store.Node.SetGlobalAdapterVersionAsync(13);
            await store.Node.SetAsync("custom", "v");
        }

        await using var reopened = await _dir.OpenAsync();
        Assert.Equal("client-7", await reopened.Node.GetClientIdAsync());
        Assert.Equal("https://agg.example:7443", await reopened.Node.GetServerAddressAsync());
        Assert.Equal(13, await reopened.Node.GetGlobalAdapterVersionAsync());
        Assert.Equal("v", await reopened.Node.GetAsync("custom"));
    }

    [Fact]
    public async Task SetClientIdAsync_Null_RemovesValue()
    {
        await using var store = await _dir.OpenAsync();
        await store.Node.SetClientIdAsync("c");

        await store.Node.SetClientIdAsync(null);

        Assert.Null(await store.Node.GetClientIdAsync());
    }

    [Fact]
    public async Task UploadProgress_SetClearAndReopen_TracksPerTask()
    {
        await using (var store = await _dir.OpenAsync())
        {
            Assert.Equal(0, await store.Node.GetUploadProgressAsync("task-1"));
            await store.Node.SetUploadProgressAsync("task-1", 1 << 20);
            await store.Node.SetUploadProgressAsync("task-1", 3 << 20);
            await store.Node.SetUploadProgressAsync("task-2", 512);
            Assert.True(await store.Node.ClearUploadProgressAsync("task-2"));
            Assert.False(await store.Node.ClearUploadProgressAsync("task-2"));
        }

        await using var reopened = await _dir.OpenAsync();
        Assert.Equal(3 << 20, await reopened.Node.GetUploadProgressAsync("task-1"));
        Assert.Equal(0, await reopened.Node.GetUploadProgressAsync("task-2"));
    }

    [Fact]
    public async Task Setters_InvalidInput_Throw()
    {
        await using var store = await _dir.OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Node.SetGlobalAdapterVersionAsync(-1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Node.SetUploadProgressAsync("t", -1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.Node.SetClientIdAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.Node.GetUploadProgressAsync(""));
    }
}
