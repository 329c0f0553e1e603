using FedUnlearn.Server.Audit.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedUnlearn.Server.Audit;

public sealed partial class AuditSigningKey
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Loads the key from <paramref name="dataDirectory"/>, or creates and saves one on first start.
    /// The private key file is created with mode 0600 (and tightened with a warning if found
    /// looser); the public key file is (re)written from the private key when missing or different.
    /// </summary>
    /// <exception cref="InvalidDataException">The key file exists but is not a P-256 private key.</exception>
    public static async Task<AuditSigningKey> LoadOrCreateAsync(
        string dataDirectory, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        logger ??= NullLogger.Instance;
        Directory.CreateDirectory(dataDirectory);
        var privatePath = Path.Combine(dataDirectory, PrivateKeyFileName);
        if (!File.Exists(privatePath))
            await TryCreateAsync(privatePath, logger, cancellationToken).ConfigureAwait(false);

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(privatePath) & GroupOrOther) != 0)
        {
            AuditLogMessages.SigningKeyPermissionsTightened(logger, privatePath, File.GetUnixFileMode(privatePath));
            File.SetUnixFileMode(privatePath, OwnerOnly);
        }

        var pem = await File.ReadAllTextAsync(privatePath, cancellationToken).ConfigureAwait(false);
        AuditSigningKey key;
        try
        {
            key = FromPrivateKeyPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(
                $"Audit signing key '{privatePath}' is unreadable ({e.Message}). Restore it from a backup; " +
                "deleting it makes the server start a key that cannot continue the existing audit log.", e);
        }

        await EnsurePublicKeyFileAsync(key, Path.Combine(dataDirectory, PublicKeyFileName), logger, cancellationToken)
            .ConfigureAwait(false);
        return key;
    }

    /// <summary>
    /// Writes a new key to a temporary file and moves it into place without overwriting, so a crash
    /// never leaves a half-written key and two racing starts end up sharing one key.
    /// </summary>
    private static async Task TryCreateAsync(string privatePath, ILogger logger, CancellationToken ct)
    {
        using var fresh = Generate();
        var temp = privatePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(fresh.ExportPrivateKeyPem()), ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, OwnerOnly); // umask can only narrow; be explicit
            try
            {
                File.Move(temp, privatePath, overwrite: false);
                AuditLogMessages.SigningKeyCreated(logger, fresh.KeyId, privatePath);
            }
            catch (IOException) when (File.Exists(privatePath))
            {
                // Another process created the key first: use theirs.
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task EnsurePublicKeyFileAsync(AuditSigningKey key, string path, ILogger logger, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            var existing = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            if (existing == key.PublicKeyPem) return;
            AuditLogMessages.PublicKeyRewritten(logger, path, key.KeyId);
        }
        await File.WriteAllTextAsync(path, key.PublicKeyPem, ct).ConfigureAwait(false);
    }
}
