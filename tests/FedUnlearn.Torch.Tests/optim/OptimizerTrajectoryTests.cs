using FedUnlearn.Torch;
using FedUnlearn.Torch.Optim;

namespace FedUnlearn.Torch.Tests.Optim;

/// <summary>
/// Five steps of each optimizer on <see cref="Quadratic"/> against PyTorch 1.13. Expected values are
/// x (row-major) then y after the fifth step, printed by /usr/bin/python3 optim_reference.py (torch
/// 1.13, float64 unless named float32) and pasted verbatim.
/// </summary>
public sealed class OptimizerTrajectoryTests
{
    [Fact]
    public void SGD_Plain_MatchesPyTorch() => Near(
        [0.23637002299999998, -0.2788500585, 0.15057395999999998, 1.7111045543749999, -0.336783470875, 0.1826707785, 0.91913941235, -0.06390058764999992, 0.67337941235],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.1)));

    [Fact]
    public void SGD_MomentumDampeningWeightDecay_MatchesPyTorch() => Near(
        [-0.15507606146359007, 0.6205138945356788, -1.4061022504118033, 1.2598375561815607, -0.40856240109821523, -0.4267132830849168, 0.8341606838388307, 2.4464738621676316, 1.237238978421031],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.1, momentum: 0.9, dampening: 0.1, weight_decay: 0.01)));

    [Fact]
    public void SGD_Nesterov_MatchesPyTorch() => Near(
        [0.04089746885098558, 0.19108879718740984, -0.6757461947359172, 1.4393744481288977, -0.35853727977626915, -0.16314790646719737, 0.8505638024533315, 1.210441023920918, 0.9405331078202281],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.05, momentum: 0.9, weight_decay: 0.05, nesterov: true)));

    [Fact]
    public void SGD_Maximize_MatchesPyTorch() => Near(
        [0.5420813929110199, -1.1933654856381652, 1.90702098012165, 2.0415879992688315, -0.3033329986009162, 1.0219588911534652, 1.0307318305683764, -2.475941539031624, 0.1540634881683765],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.01, momentum: 0.5, maximize: true)));

    [Fact]
    public void Adam_WeightDecay_MatchesPyTorch() => Near(
        [0.020402032410401963, -0.5071391885104075, 1.0038747171172946, 1.5043834310605348, -0.3444531025161871, 0.31648740257804964, 0.7049239687614192, -1.5016219534899793, 0.7319962038010221],
        Quadratic.Run((x, y) => torch.optim.Adam([x, y], lr: 0.1, weight_decay: 0.1)));

    [Fact]
    public void Adam_Amsgrad_MatchesPyTorch() => Near(
        [0.253369698361178, -0.7514583294409218, 1.2508784347347184, 1.7511200109211622, -0.31573308141160883, 0.5529138404398058, 0.8005347575756778, -1.7503927993117336, 0.4972622438438156],
        Quadratic.Run((x, y) => torch.optim.Adam([x, y], lr: 0.05, beta1: 0.8, beta2: 0.9, eps: 1e-6, amsgrad: true)));

    [Fact]
    public void AdamW_DecoupledWeightDecay_MatchesPyTorch() => Near(AdamW01, Quadratic.Run((x, y) => torch.optim.AdamW([x, y], lr: 0.1, weight_decay: 0.1)));

    [Fact]
    public void AdamW_AmsgradMaximize_MatchesPyTorch() => Near(
        [0.5997125992396274, -1.0991097697528955, 1.5985632835285803, 2.0980851012450032, -0.39626838702018996, 0.8993920033348044, 1.0994599090468566, -2.0980156860203087, 0.1495538801377531],
        Quadratic.Run((x, y) => torch.optim.AdamW([x, y], lr: 0.02, beta1: 0.85, beta2: 0.95, amsgrad: true, maximize: true)));

    [Fact]
    public void AdamW_ParamGroups_UsePerGroupLrAndWeightDecay() => Near(
        [0.024485616890980874, -0.506590230159916, 1.0040462976155609, 1.5070601457644717, -0.3370655593306541, 0.3174869241485893, 0.9278124283222804, -1.9010023503433555, 0.29335948330553213],
        Quadratic.Run((x, y) => torch.optim.AdamW([new ParamGroup([x], lr: 0.1, weightDecay: 0.0), new ParamGroup([y], weightDecay: 0.5)], lr: 0.01)));

    [Fact]
    public void AdamW_Float32_MatchesPyTorchFloat32() => Near(
        [0.005908370018005371, -0.46899718046188354, 0.9409634470939636, 1.4183216094970703, -0.38041672110557556, 0.2893686592578888, 0.7663627862930298, -1.413820505142212, 0.71424400806427],
        Quadratic.Run((x, y) => torch.optim.AdamW([x, y], lr: 0.1, weight_decay: 0.1), ScalarType.Float32), 2e-6);

    [Fact]
    public void SGD_Float32_MatchesPyTorchFloat32() => Near(
        [-0.1550760120153427, 0.6205138564109802, -1.406102180480957, 1.2598376274108887, -0.40856239199638367, -0.4267132878303528, 0.8341606855392456, 2.4464738368988037, 1.237238883972168],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.1, momentum: 0.9, dampening: 0.1, weight_decay: 0.01), ScalarType.Float32), 2e-6);

    [Fact]
    public void AdamW_NonContiguousParameter_TakesGenericPathWithSameResult() =>
        Near(AdamW01, Quadratic.Run((x, y) => torch.optim.AdamW([x, y], lr: 0.1, weight_decay: 0.1), transposed: true));

    [Fact]
    public void SGD_NonContiguousParameter_TakesGenericPathWithSameResult() => Near(
        [0.04089746885098558, 0.19108879718740984, -0.6757461947359172, 1.4393744481288977, -0.35853727977626915, -0.16314790646719737, 0.8505638024533315, 1.210441023920918, 0.9405331078202281],
        Quadratic.Run((x, y) => torch.optim.SGD([x, y], lr: 0.05, momentum: 0.9, weight_decay: 0.05, nesterov: true), transposed: true));

    private static readonly double[] AdamW01 =
        [0.0059083512795709, -0.4689970422843566, 0.9409633226498211, 1.418321632855269, -0.3804167714383985, 0.289368554878699, 0.7663628480845976, -1.4138205259875916, 0.7142440276641497];

    private static void Near(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: PyTorch {expected[i]:R}, ours {actual[i]:R}");
        }
    }
}
