namespace FedUnlearn.Rpc.Internal;

/// <summary>Converts between <see cref="Metadata"/> and HTTP header name/value pairs.</summary>
internal static class MetadataHeaders
{
    /// <summary>Whether a header belongs to the protocol rather than to the application.</summary>
    public static bool IsReserved(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("server", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase);

    /// <summary>The wire value of an entry: text as is, bytes as un-padded base64.</summary>
    public static string ToHeaderValue(MetadataEntry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds one received header (all its values) to <paramref name="metadata"/>.</summary>
    public static void AddReceived(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (IsReserved(name))
        {
            return;
        }

        string key = name.ToLowerInvariant();
        bool binary = Metadata.IsBinaryKey(key);
        foreach (string? value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (!binary)
            {
                metadata.AddReceived(key, value, null);
                continue;
            }

            // Duplicate binary headers may arrive joined with ','; split before decoding.
            foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                metadata.AddReceived(key, null, DecodeBase64(part));
            }
        }
    }

    private static byte[] DecodeBase64(string value)
    {
        // The spec requires accepting padded and un-padded values.
        int padding = (4 - value.Length % 4) % 4;
        string padded = padding == 0 || value.EndsWith('=') ? value : value + new string('=', padding);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
