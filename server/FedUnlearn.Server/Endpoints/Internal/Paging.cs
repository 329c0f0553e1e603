using System.Globalization;
using FedUnlearn.Rpc;

namespace FedUnlearn.Server.Endpoints.Internal;

/// <summary>page_size / page_token handling of the Admin list calls (tokens are opaque to callers).</summary>
internal static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static int Size(uint requested) => requested == 0 ? DefaultSize : (int)Math.Min(requested, MaxSize);

    /// <summary>The offset and length of the requested page of a list of <paramref name="total"/> items.</summary>
    public static (int Start, int Size) Window(string token, uint requested, int total)
    {
        int start = 0;
        if (token.Length > 0 && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > total))
            throw new RpcException(StatusCode.InvalidArgument, $"Invalid page token '{token}'.");
        return (start, Size(requested));
    }

    public static string Next(int start, int size, int total) =>
        start + size < total ? (start + size).ToString(CultureInfo.InvariantCulture) : "";

    public static long ParseRound(string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out long round) && round > 0
            ? round
            : throw new RpcException(StatusCode.InvalidArgument, $"Invalid page token '{token}'.");
}
