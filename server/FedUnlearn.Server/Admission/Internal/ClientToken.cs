namespace FedUnlearn.Server.Admission.Internal;

/// <summary>
/// A client's bearer token is <c>&lt;store id&gt;.&lt;secret&gt;</c>: the id (hex, no dot) tells the
/// server which salted hash to check the secret against, so a token alone authenticates.
/// </summary>
internal static class ClientToken
{
    public static string Format(string storeId, string secret) => storeId + "." + secret;

    public static bool TryParse(string token, out string storeId, out string secret)
    {
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            storeId = secret = "";
            return false;
        }

        storeId = token[..dot];
        secret = token[(dot + 1)..];
        return true;
    }
}
