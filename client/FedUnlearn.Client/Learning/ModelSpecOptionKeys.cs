namespace FedUnlearn.Client.Learning;

/// <summary>The keys of <c>ModelSpec.options</c> (architecture sizes as text) that <see cref="ModelSpecMapper"/> reads and writes.</summary>
public static class ModelSpecOptionKeys
{
    /// <summary>MLP hidden widths, comma-separated, e.g. <c>256,256</c>.</summary>
    public const string HiddenSizes = "hidden_sizes";

    /// <summary>CNN output channels of its two convolutions, e.g. <c>16,32</c>.</summary>
    public const string ConvChannels = "conv_channels";

    /// <summary>CNN hidden linear width.</summary>
    public const string CnnHidden = "cnn_hidden";

    /// <summary>ViT patch side.</summary>
    public const string PatchSize = "patch_size";

    /// <summary>ViT token width.</summary>
    public const string EmbedDim = "embed_dim";

    /// <summary>ViT transformer blocks.</summary>
    public const string Depth = "depth";

    /// <summary>ViT attention heads.</summary>
    public const string Heads = "heads";

    /// <summary>ViT block MLP width.</summary>
    public const string MlpDim = "mlp_dim";

    /// <summary>ViT pooling: <c>cls</c> or <c>mean</c>.</summary>
    public const string Pooling = "pooling";
}
