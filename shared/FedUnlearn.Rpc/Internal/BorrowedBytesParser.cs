using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace FedUnlearn.Rpc.Internal;

/// <summary>
/// Parses a message whose large <c>bytes</c> fields wrap slices of the input instead of copies
/// (<see cref="UnsafeByteOperations.UnsafeWrap"/>): protobuf's C# parser always copies them into
/// a fresh, zeroed array. It walks the wire format; runs of other fields go to protobuf's own
/// <c>MergeFrom</c> in wire order, so merge rules (last one wins, oneof cases, unknown fields) are
/// protobuf's. Large message-typed fields are walked the same way, so a chunk nested in a oneof
/// is borrowed too. Anything it does not expect (groups, a malformed frame) falls back to a plain
/// parse of the whole input, which also gives protobuf's own error.
/// </summary>
internal static class BorrowedBytesParser
{
    /// <summary>Fields shorter than this are parsed by protobuf: wrapping them would save nothing.</summary>
    public const int MinBorrowedLength = 4096;

    // Nesting beyond this is parsed (and copied) by protobuf: payload chunks sit near the top.
    private const int MaxDepth = 8;

    /// <summary>The message in <paramref name="data"/>; its large bytes fields alias <paramref name="data"/>.</summary>
    public static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> data)
        where T : IMessage<T>
    {
        T message = parser.ParseFrom(ReadOnlySpan<byte>.Empty);
        try
        {
            if (TryMerge(message, data, depth: 0))
            {
                return message;
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Reported below by protobuf itself, over the whole input.
        }

        return parser.ParseFrom(data.Span);
    }

    private static bool TryMerge(IMessage message, ReadOnlyMemory<byte> data, int depth)
    {
        ReadOnlySpan<byte> span = data.Span;
        int plainStart = 0;
        int position = 0;
        while (position < span.Length)
        {
            int fieldStart = position;
            if (!TryReadVarint(span, ref position, out ulong tag) || !TrySkipScalar(span, ref position, (int)(tag & 7), out bool delimited))
            {
                return false;
            }

            if (!delimited)
            {
                continue;
            }

            if (!TryReadVarint(span, ref position, out ulong length) || length > (ulong)(span.Length - position))
            {
                return false;
            }

            int start = position;
            position += (int)length;
            FieldDescriptor? field = length >= MinBorrowedLength && (tag >> 3) <= int.MaxValue
                ? message.Descriptor.FindFieldByNumber((int)(tag >> 3))
                : null;
            if (field is null || field.IsMap || field.IsExtension || !IsBorrowable(field, depth))
            {
                continue; // Part of the plain run.
            }

            MergePlain(message, span[plainStart..fieldStart]);
            plainStart = position;
            if (!TryMergeField(message, field, data.Slice(start, (int)length), depth))
            {
                return false;
            }
        }

        MergePlain(message, span[plainStart..]);
        return true;
    }

    private static bool TryMergeField(IMessage message, FieldDescriptor field, ReadOnlyMemory<byte> value, int depth)
    {
        if (field.FieldType == FieldType.Bytes)
        {
            ByteString bytes = UnsafeByteOperations.UnsafeWrap(value);
            if (field.IsRepeated)
            {
                ((IList)field.Accessor.GetValue(message)).Add(bytes);
            }
            else
            {
                field.Accessor.SetValue(message, bytes);
            }

            return true;
        }

        // A singular message field merges into the value already there (protobuf's rule); a oneof
        // reports null unless this field is its current case.
        IMessage child = (!field.IsRepeated ? field.Accessor.GetValue(message) as IMessage : null)
            ?? field.MessageType.Parser.ParseFrom(ReadOnlySpan<byte>.Empty);
        if (!TryMerge(child, value, depth + 1))
        {
            return false;
        }

        if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(child);
        }
        else
        {
            field.Accessor.SetValue(message, child);
        }

        return true;
    }

    // Wrapper types (BytesValue...) surface as plain CLR values, not messages: left to protobuf.
    private static bool IsBorrowable(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.Bytes => true,
        FieldType.Message => depth < MaxDepth && field.MessageType.File != WrappersReflection.Descriptor,
        _ => false,
    };

    private static void MergePlain(IMessage message, ReadOnlySpan<byte> fields)
    {
        if (!fields.IsEmpty)
        {
            message.MergeFrom(fields);
        }
    }

    // Skips a varint, fixed64 or fixed32 value; reports a length-delimited one; refuses groups.
    private static bool TrySkipScalar(ReadOnlySpan<byte> span, ref int position, int wireType, out bool delimited)
    {
        delimited = wireType == 2;
        switch (wireType)
        {
            case 0:
                return TryReadVarint(span, ref position, out _);
            case 1 or 5:
                position += wireType == 1 ? 8 : 4;
                return position <= span.Length;
            case 2:
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> span, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && position < span.Length; shift += 7)
        {
            byte b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
