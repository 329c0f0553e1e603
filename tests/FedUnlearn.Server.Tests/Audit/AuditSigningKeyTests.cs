using System.Security.Cryptography;
using FedUnlearn.Server.Audit;
using FedUnlearn.Server.Tests.Audit.Support;
using Microsoft.Extensions.Logging;

namespace FedUnlearn.Server.Tests.Audit;

public sealed class AuditSigningKeyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PrivateFile => _dir.File(AuditSigningKey.PrivateKeyFileName);
    private string PublicFile => _dir.File(AuditSigningKey.PublicKeyFileName);

    [Fact]
    public async Task LoadOrCreateAsync_FirstStart_CreatesOwnerOnlyKeyAndPublicKeyThenReloadsIt()
    {
        var logger = new ListLogger();
        string keyId;
        using (var created = await AuditSigningKey.LoadOrCreateAsync(_dir.Path, logger))
        {
            keyId = created.KeyId;
            Assert.Equal(created.PublicKeyPem, await File.ReadAllTextAsync(PublicFile));
            Assert.Contains("BEGIN PRIVATE KEY", await File.ReadAllTextAsync(PrivateFile));
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PrivateFile));
        Assert.Equal(4001, Assert.Single(logger.Entries).EventId);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));

        using var reloaded = await AuditSigningKey.LoadOrCreateAsync(_dir.Path, logger);
        Assert.Equal(keyId, reloaded.KeyId);
        Assert.Single(logger.Entries);
    }

    [Fact]
    public void KeyId_FixedKey_EqualsPythonComputedSpkiHashPrefix()
    {
        using var key = AuditSigningKey.FromPrivateKeyPem(AuditFixtures.TestPrivateKeyPem);
        Assert.Equal(AuditFixtures.TestKeyId, key.KeyId);
    }

    [Fact]
    public async Task LoadOrCreateAsync_KeyReadableByOthers_TightensAndWarns()
    {
        if (OperatingSystem.IsWindows()) return;
        using (await AuditSigningKey.LoadOrCreateAsync(_dir.Path)) { }
        File.SetUnixFileMode(PrivateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var logger = new ListLogger();

        using var _ = await AuditSigningKey.LoadOrCreateAsync(_dir.Path, logger);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PrivateFile));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Warning, 4002), (warning.Level, warning.EventId));
    }

    [Fact]
    public async Task LoadOrCreateAsync_PublicKeyFileReplaced_RewritesItFromThePrivateKey()
    {
        string expected;
        using (var key = await AuditSigningKey.LoadOrCreateAsync(_dir.Path)) expected = key.PublicKeyPem;
        using (var attacker = AuditSigningKey.Generate()) await File.WriteAllTextAsync(PublicFile, attacker.PublicKeyPem);
        var logger = new ListLogger();

        using var _ = await AuditSigningKey.LoadOrCreateAsync(_dir.Path, logger);

        Assert.Equal(expected, await File.ReadAllTextAsync(PublicFile));
        Assert.Equal(4003, Assert.Single(logger.Entries).EventId);
    }

    [Fact]
    public async Task LoadOrCreateAsync_UnreadableKeyFile_ThrowsWithPathAndAdvice()
    {
        await File.WriteAllTextAsync(PrivateFile, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => AuditSigningKey.LoadOrCreateAsync(_dir.Path));

        Assert.Contains(PrivateFile, e.Message);
        Assert.Contains("backup", e.Message);
    }

    [Fact]
    public void FromPrivateKeyPem_NotAP256PrivateKey_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ArgumentException>(() => AuditSigningKey.FromPrivateKeyPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => AuditSigningKey.FromPrivateKeyPem(p256.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => AuditSigningKey.FromPrivateKeyPem("hello"));
    }
}
