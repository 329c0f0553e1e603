namespace FedUnlearn.Server.Storage.Internal;

/// <summary>Where one delta lies in a round's pack: its payload's offset and length, and the SHA-256 it must hash to.</summary>
internal sealed record PackEntry(string File, long Offset, long Length, string Hash);
