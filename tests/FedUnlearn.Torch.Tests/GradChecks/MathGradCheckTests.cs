using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using static FedUnlearn.Torch.Tests.GradChecks.GradCase;

namespace FedUnlearn.Torch.Tests.GradChecks;

public sealed class MathGradCheckTests
{
    private static readonly Dictionary<string, Func<GradCase>> Cases = new()
    {
        ["add_broadcast"] = () => Of(x => x[0] + x[1], R(2, 3), R(3)),
        ["sub_alpha"] = () => Of(x => x[0].sub(x[1], alpha: 0.5), R(2, 3), R(2, 1)),
        ["mul"] = () => Of(x => x[0] * x[1], R(2, 3), R(2, 3)),
        ["div"] = () => Of(x => x[0] / x[1], R(2, 3), P(3)),
        ["neg"] = () => Of(x => -x[0], R(4)),
        ["scalar_operators"] = () => Of(x => ((2.0 - x[0]) * 3.0) + (4.0 / x[1]) - 1.0, R(3), P(3)),
        ["pow_scalar"] = () => Of(x => x[0].pow(2.5), P(4)),
        ["pow_tensor"] = () => Of(x => x[0].pow(x[1]), P(4), R(4)),
        ["maximum_minimum"] = () => Of(x => x[0].maximum(x[1]) + x[0].minimum(x[1]) * 2, R(5), R(5)),
        ["matmul"] = () => Of(x => torch.matmul(x[0], x[1]), R(2, 3), R(3, 4)),
        ["matmul_broadcast"] = () => Of(x => x[0].matmul(x[1]), R(2, 2, 3), R(3, 2)),
        ["mm"] = () => Of(x => x[0].mm(x[1]), R(3, 2), R(2, 2)),
        ["bmm"] = () => Of(x => x[0].bmm(x[1]), R(2, 2, 3), R(2, 3, 2)),
        ["outer"] = () => Of(x => x[0].outer(x[1]), R(3), R(2)),
        ["sum_all"] = () => Of(x => x[0].sum(), R(2, 3)),
        ["sum_dims"] = () => Of(x => x[0].sum([0, 2], keepdim: true), R(2, 3, 2)),
        ["mean_all"] = () => Of(x => x[0].mean(), R(2, 3)),
        ["mean_dim"] = () => Of(x => x[0].mean(1), R(2, 3)),
        ["max_dim"] = () => Of(x => x[0].max(1).values, R(3, 4)),
        ["min_dim"] = () => Of(x => x[0].min(0, keepdim: true).values, R(3, 4)),
        ["max_min_all"] = () => Of(x => x[0].max() - x[0].min(), R(3, 4)),
        ["amax_amin"] = () => Of(x => x[0].amax([1]) + x[0].amin([0]).sum(), R(3, 4)),
        ["logsumexp"] = () => Of(x => x[0].logsumexp(1), R(3, 4)),
        ["norm"] = () => Of(x => x[0].norm() + x[0].norm([1], p: 1), R(2, 3)),
        ["var_std"] = () => Of(x => x[0].var([1]) + x[0].std(), R(2, 4)),
        ["prod_cumsum"] = () => Of(x => x[0].prod() + x[0].cumsum(0).sum(), R(4)),
        ["exp"] = () => Of(x => x[0].exp(), R(2, 3)),
        ["log"] = () => Of(x => x[0].log(), P(2, 3)),
        ["log1p_expm1"] = () => Of(x => x[0].log1p() + x[0].expm1(), P(4)),
        ["sqrt_rsqrt"] = () => Of(x => x[0].sqrt() + x[0].rsqrt(), P(2, 3)),
        ["abs_square"] = () => Of(x => x[0].abs() + x[0].square(), R(6)),
        ["reciprocal"] = () => Of(x => x[0].reciprocal(), P(4)),
        ["sin_cos_erf"] = () => Of(x => x[0].sin() * x[0].cos() + x[0].erf(), R(5)),
        ["clamp"] = () => Of(x => x[0].clamp(-0.5, 0.5) + x[0].clamp_min(0.2) + x[0].clamp_max(-0.1), R(8)),
        ["relu"] = () => Of(x => x[0].relu(), R(8)),
        ["gelu"] = () => Of(x => torch.nn.functional.gelu(x[0]), R(8)),
        ["gelu_tanh"] = () => Of(x => torch.nn.functional.gelu(x[0], "tanh"), R(8)),
        ["silu"] = () => Of(x => torch.nn.functional.silu(x[0]), R(8)),
        ["tanh"] = () => Of(x => x[0].tanh(), R(8)),
        ["sigmoid"] = () => Of(x => x[0].sigmoid(), R(8)),
        ["where"] = () => Of(x => torch.where(x[0].gt(0.0), x[0], x[1]), R(6), R(6)),
        ["masked_fill"] = () => Of(x => x[0].masked_fill(x[0].lt(0.0), 2), R(6)),
        ["addcmul_addcdiv"] = () => Of(x => x[0].addcmul(x[1], x[2], 0.5) + x[0].addcdiv(x[1], x[2], 2), R(3), R(3), P(3)),
        ["lerp"] = () => Of(x => x[0].lerp(x[1], 0.3), R(4), R(4)),
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
