using FedUnlearn.Torch;
using FedUnlearn.Torch.Modules;

namespace FedUnlearn.Learning.Models;

/// <summary>
/// A tiny vision transformer: the image is cut into P×P patches (28×28 with P = 7: 16 tokens), each
/// flattened and projected by <c>patch_embed</c> (a Linear, equivalent to a stride-P convolution), a
/// learned <c>cls_token</c> is prepended (class-token pooling), <c>pos_embed</c> is added, then
/// <c>blocks.0</c>… pre-LN transformer blocks (<c>attn.q_proj/k_proj/v_proj/out_proj</c>, <c>fc1</c>,
/// <c>fc2</c>), a final <c>norm</c>, pooling (class token or mean) as the features, and <c>head</c>.
/// </summary>
public sealed class TinyVit : ClassifierModel
{
    private readonly long _grid;
    private readonly long _patch;

    /// <summary>Builds the layers of <paramref name="spec"/> (Kind must be <see cref="ModelKind.Vit"/>).</summary>
    public TinyVit(ModelSpec spec)
        : base(spec)
    {
        spec.Validate();
        _patch = spec.PatchSize;
        _grid = spec.ImageSize / spec.PatchSize;
        var tokens = (_grid * _grid) + (spec.Pooling == VitPooling.ClassToken ? 1 : 0);
        long dim = spec.EmbedDim;
        register_module("patch_embed", new Linear(spec.InputChannels * _patch * _patch, dim));
        if (spec.Pooling == VitPooling.ClassToken)
        {
            register_parameter("cls_token", torch.nn.init.normal_(torch.nn.Parameter(torch.empty([1, 1, dim])), 0, 0.02));
        }

        register_parameter("pos_embed", torch.nn.init.normal_(torch.nn.Parameter(torch.empty([1, tokens, dim])), 0, 0.02));
        var blocks = Enumerable.Range(0, spec.Depth).Select(_ => (torch.nn.Module<Tensor, Tensor>)new TransformerEncoderBlock(dim, spec.Heads, spec.MlpDim));
        register_module("blocks", new Sequential([.. blocks]));
        register_module("norm", new LayerNorm([dim]));
        register_module("head", new Linear(dim, spec.NumClasses));
        FeatureDim = dim;
    }

    /// <inheritdoc />
    public override long FeatureDim { get; }

    /// <inheritdoc />
    public override Tensor features(Tensor input)
    {
        using var images = AsImages(input);
        using var patches = Patches(images);
        using var embedded = Child<torch.nn.Module<Tensor, Tensor>>("patch_embed").forward(patches);
        using var tokens = WithClassToken(embedded);
        using var positioned = tokens.add(Param("pos_embed"));
        using var encoded = Child<Sequential>("blocks").forward(positioned);
        using var normed = Child<LayerNorm>("norm").forward(encoded);
        return Spec.Pooling == VitPooling.ClassToken ? normed.select(1, 0) : normed.mean(1);
    }

    // [N, C, H, W] -> [N, grid², C·P·P], patches in row-major order, each flattened channel-first
    // (the layout of a stride-P convolution's weight).
    private Tensor Patches(Tensor images)
    {
        var n = images.size(0);
        long c = Spec.InputChannels;
        using var split = images.view(n, c, _grid, _patch, _grid, _patch);
        using var ordered = split.permute(0, 2, 4, 1, 3, 5);
        return ordered.reshape(n, _grid * _grid, c * _patch * _patch);
    }

    private Tensor WithClassToken(Tensor embedded)
    {
        if (Spec.Pooling != VitPooling.ClassToken)
        {
            return embedded.alias();
        }

        using var cls = Param("cls_token").expand(embedded.size(0), 1, Spec.EmbedDim);
        return torch.cat([cls, embedded], 1);
    }
}
