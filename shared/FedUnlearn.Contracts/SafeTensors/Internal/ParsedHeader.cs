namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>A validated header: entries sorted by offset, covering [0, DataLength) without gaps.</summary>
internal sealed record ParsedHeader(IReadOnlyList<HeaderEntry> Entries, Dictionary<string, string> Metadata, long DataLength);
