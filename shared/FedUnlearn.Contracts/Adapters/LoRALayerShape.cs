namespace FedUnlearn.Contracts.Adapters;

/// <summary>One Linear layer carrying a LoRA adapter: A is [rank, <paramref name="InFeatures"/>], B is [<paramref name="OutFeatures"/>, rank].</summary>
/// <param name="Name">The layer's dotted name in the model, e.g. <c>blocks.0.attn.q_proj</c>; the adapter tensors are <c>Name.lora_A</c> and <c>Name.lora_B</c>.</param>
/// <param name="InFeatures">Input width of the layer.</param>
/// <param name="OutFeatures">Output width of the layer.</param>
public sealed record LoRALayerShape(string Name, int InFeatures, int OutFeatures);
