using System.Text;
using FedUnlearn.Server.Storage;

namespace FedUnlearn.Server.Tests.Storage;

public class FederationStoreClientTests
{
    [Fact]
    public async Task Authenticate_RightToken_ReturnsClientAndRecordsLastSeen()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var registration = await store.RegisterClientAsync("hospital-a");
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        var client = await store.AuthenticateAsync(registration.Client.Id, registration.Token);

        Assert.NotNull(client);
        Assert.Equal("hospital-a", client.Name);
        Assert.Equal(StoreFixture.Start, client.CreatedAt);
        Assert.Equal(StoreFixture.Start.AddMinutes(5), client.LastSeenAt);
    }

    [Fact]
    public async Task Authenticate_WrongTokenOrUnknownClient_ReturnsNull()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        var a = await store.RegisterClientAsync("a");
        var b = await store.RegisterClientAsync("b");

        Assert.Null(await store.AuthenticateAsync(a.Client.Id, b.Token));
        Assert.Null(await store.AuthenticateAsync("nobody", a.Token));
        Assert.Null((await store.GetClientAsync(a.Client.Id))!.LastSeenAt);
    }

    [Fact]
    public async Task Register_Token_Is32RandomBytesBase64UrlAndOnlyItsHashIsStored()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();

        var registration = await store.RegisterClientAsync("a");
        await store.DisposeAsync();

        Assert.Equal(43, registration.Token.Length);
        Assert.Equal(32, Convert.FromBase64String(registration.Token.Replace('-', '+').Replace('_', '/') + "=").Length);
        var files = Directory.EnumerateFiles(fixture.Directory).Select(File.ReadAllBytes).Select(Encoding.ASCII.GetString);
        Assert.DoesNotContain(files, content => content.Contains(registration.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_TakenName_Throws()
    {
        await using var fixture = new StoreFixture();
        var store = await fixture.OpenAsync();
        await store.RegisterClientAsync("a");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RegisterClientAsync("a"));
        Assert.Equal("A client named 'a' is already registered.", e.Message);
    }
}
