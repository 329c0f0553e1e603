namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>One tensor as the header describes it; offsets are relative to the data section.</summary>
internal readonly record struct HeaderEntry(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End);
