using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using static FedUnlearn.Torch.Tests.GradChecks.GradCase;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests.GradChecks;

public sealed class FunctionalGradCheckTests
{
    private static readonly Dictionary<string, Func<GradCase>> Cases = new()
    {
        ["softmax"] = () => Of(x => F.softmax(x[0], 1), R(2, 4)),
        ["log_softmax"] = () => Of(x => F.log_softmax(x[0], -1), R(2, 4)),
        ["linear"] = () => Of(x => F.linear(x[0], x[1], x[2]), R(2, 3), R(4, 3), R(4)),
        ["linear_no_bias"] = () => Of(x => F.linear(x[0], x[1]), R(2, 2, 3), R(4, 3)),
        ["conv2d"] = () => Of(x => F.conv2d(x[0], x[1], x[2], stride: 2, padding: 1), R(1, 2, 5, 5), R(3, 2, 3, 3), R(3)),
        ["conv2d_groups_dilation"] = () => Of(x => F.conv2d(x[0], x[1], dilation: 2, groups: 2), R(1, 2, 5, 5), R(2, 1, 2, 2)),
        ["max_pool2d"] = () => Of(x => F.max_pool2d(x[0], 2), R(1, 2, 4, 4)),
        ["max_pool2d_stride_padding"] = () => Of(x => F.max_pool2d(x[0], 3, stride: 2, padding: 1), R(1, 1, 5, 5)),
        ["avg_pool2d"] = () => Of(x => F.avg_pool2d(x[0], 2, stride: 1, padding: 1), R(1, 2, 3, 3)),
        ["adaptive_avg_pool2d"] = () => Of(x => F.adaptive_avg_pool2d(x[0], 2, 1), R(1, 2, 5, 3)),
        ["layer_norm"] = () => Of(x => F.layer_norm(x[0], [3], x[1], x[2]), R(2, 3), R(3), R(3)),
        ["layer_norm_2d_no_affine"] = () => Of(x => F.layer_norm(x[0], [2, 3]), R(2, 2, 3)),
        ["batch_norm_training"] = () => Of(x => F.batch_norm(x[0], null, null, x[1], x[2], training: true), R(3, 2, 2), R(2), R(2)),
        ["batch_norm_eval"] = () => Of(
            x => F.batch_norm(x[0], torch.tensor<double>([0.1, -0.2]), torch.tensor<double>([0.5, 2.0]), x[1], x[2]), R(3, 2, 2), R(2), R(2)),
        ["group_norm"] = () => Of(x => F.group_norm(x[0], 2, x[1], x[2]), R(2, 4, 3), R(4), R(4)),
        ["embedding"] = () => Of(x => F.embedding(torch.tensor<long>([2, 0, 2, 1], [2, 2]), x[0]), R(3, 2)),
        ["cross_entropy"] = () => Of(x => F.cross_entropy(x[0], torch.tensor<long>([2, 0, 1])), R(3, 4)),
        ["cross_entropy_weights_smoothing"] = () => Of(
            x => F.cross_entropy(x[0], torch.tensor<long>([2, 0, 1]), torch.tensor<double>([1, 2, 0.5, 1]), labelSmoothing: 0.1), R(3, 4)),
        ["cross_entropy_none_ignore"] = () => Of(
            x => F.cross_entropy(x[0], torch.tensor<long>([2, -100, 1]), reduction: Reduction.None), R(3, 4)),
        ["cross_entropy_probability_targets"] = () => Of(x => F.cross_entropy(x[0], F.softmax(x[1], 1)), R(2, 3), R(2, 3)),
        ["nll_loss"] = () => Of(x => F.nll_loss(F.log_softmax(x[0], 1), torch.tensor<long>([1, 3]), reduction: Reduction.Sum), R(2, 4)),
        ["mse_loss"] = () => Of(x => F.mse_loss(x[0], x[1]), R(2, 3), R(2, 3)),
        ["l1_loss"] = () => Of(x => F.l1_loss(x[0], x[1], Reduction.Sum), R(5), R(5)),
        ["kl_div_batchmean"] = () => Of(x => F.kl_div(F.log_softmax(x[0], 1), F.softmax(x[1], 1), Reduction.BatchMean), R(2, 3), R(2, 3)),
        ["kl_div_log_target"] = () => Of(x => F.kl_div(F.log_softmax(x[0], 1), F.log_softmax(x[1], 1), Reduction.Sum, logTarget: true), R(2, 3), R(2, 3)),
        ["bce_with_logits"] = () => Of(x => F.binary_cross_entropy_with_logits(x[0], torch.tensor<double>([0, 1, 1, 0])), R(4)),
        ["scaled_dot_product_attention"] = () => Of(x => F.scaled_dot_product_attention(x[0], x[1], x[2]), R(1, 2, 3, 4), R(1, 2, 5, 4), R(1, 2, 5, 2)),
        ["sdpa_causal"] = () => Of(x => F.scaled_dot_product_attention(x[0], x[1], x[2], isCausal: true), R(2, 3, 4), R(2, 3, 4), R(2, 3, 4)),
        ["sdpa_bool_mask_scale"] = () => Of(
            x => F.scaled_dot_product_attention(x[0], x[1], x[2], torch.tensor<bool>([true, false, true, true, true, false], [2, 3]), scale: 0.7),
            R(2, 4), R(3, 4), R(3, 2)),
        ["sdpa_float_mask"] = () => Of(x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3]), R(2, 4), R(3, 4), R(3, 2), R(2, 3)),
        ["cosine_similarity"] = () => Of(x => F.cosine_similarity(x[0], x[1]), R(3, 4), R(3, 4)),
        ["normalize"] = () => Of(x => F.normalize(x[0]), R(3, 4)),
    };

    public static TheoryData<string> Ops => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Ops))]
    public void Backward_MatchesFiniteDifferences(string op)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var c = Cases[op]();
        GradCheck.Check(c.F, c.Inputs);
    }
}
