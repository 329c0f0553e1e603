using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>Opens a started <see cref="Http2Connection"/>: TCP, TLS with ALPN h2 for https, preface and SETTINGS.</summary>
internal static class Http2Connector
{
    public static async Task<Http2Connection> ConnectAsync(Uri address, Http2ClientSettings settings, Action<Http2Connection> onUnusable)
    {
        using var timeout = new CancellationTokenSource(settings.ConnectTimeout, settings.TimeProvider);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? transport = null;
        try
        {
            await socket.ConnectAsync(new DnsEndPoint(address.IdnHost, address.Port), timeout.Token).ConfigureAwait(false);
            transport = new NetworkStream(socket, ownsSocket: true);
            Socket? plain = socket;
            if (address.Scheme == Uri.UriSchemeHttps)
            {
                var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
                transport = ssl;
                plain = null;
                await ssl.AuthenticateAsClientAsync(TlsOptions(address, settings), timeout.Token).ConfigureAwait(false);
                if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
                {
                    throw new HttpRequestException(HttpRequestError.SecureConnectionError, $"The server at {address.Authority} did not negotiate HTTP/2 (ALPN h2).");
                }
            }

            var connection = new Http2Connection(transport, plain, settings, onUnusable);
            try
            {
                await connection.StartAsync(timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            return connection;
        }
        catch (Exception ex) when (ex is not HttpRequestException)
        {
            transport?.Dispose();
            socket.Dispose();
            throw ex switch
            {
                OperationCanceledException => new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {address.Authority} timed out after {settings.ConnectTimeout}.", ex),
                AuthenticationException => new HttpRequestException(HttpRequestError.SecureConnectionError, $"The TLS handshake with {address.Authority} failed: {ex.Message}", ex),
                _ => new HttpRequestException(HttpRequestError.ConnectionError, $"{ex.Message} ({address.Authority})", ex),
            };
        }
        catch
        {
            transport?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(Uri address, Http2ClientSettings settings) => new()
    {
        TargetHost = address.IdnHost,
        ApplicationProtocols = [SslApplicationProtocol.Http2],
        RemoteCertificateValidationCallback = settings.ServerCertificateValidation,
        ClientCertificates = settings.ClientCertificate is { } certificate ? new X509CertificateCollection { certificate } : null,
    };
}
