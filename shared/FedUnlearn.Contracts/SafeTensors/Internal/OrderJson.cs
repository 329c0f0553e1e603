using System.Text.Json.Serialization;

namespace FedUnlearn.Contracts.SafeTensors.Internal;

/// <summary>Source-generated (reflection-free, trimming-safe) JSON for the parameter-order metadata.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class OrderJson : JsonSerializerContext;
