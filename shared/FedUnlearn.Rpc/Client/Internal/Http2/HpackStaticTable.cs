namespace FedUnlearn.Rpc.Client.Internal.Http2;

/// <summary>The HPACK static table (RFC 7541 Appendix A), 1-based.</summary>
internal static class HpackStaticTable
{
    public static readonly (string Name, string Value)[] Entries =
    [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
        (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
        (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
        ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""), ("cache-control", ""),
        ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""), ("date", ""),
        ("etag", ""), ("expect", ""), ("expires", ""), ("from", ""), ("host", ""), ("if-match", ""),
        ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""), ("if-unmodified-since", ""),
        ("last-modified", ""), ("link", ""), ("location", ""), ("max-forwards", ""), ("proxy-authenticate", ""),
        ("proxy-authorization", ""), ("range", ""), ("referer", ""), ("refresh", ""), ("retry-after", ""),
        ("server", ""), ("set-cookie", ""), ("strict-transport-security", ""), ("transfer-encoding", ""),
        ("user-agent", ""), ("vary", ""), ("via", ""), ("www-authenticate", ""),
    ];

    /// <summary>The index of the first entry named <paramref name="name"/>, or 0.</summary>
    public static int IndexOfName(string name)
    {
        for (int i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Name, name, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>The index of the entry <paramref name="name"/>: <paramref name="value"/>, or 0.</summary>
    public static int IndexOf(string name, string value)
    {
        for (int i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Name, name, StringComparison.Ordinal) && string.Equals(Entries[i].Value, value, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
