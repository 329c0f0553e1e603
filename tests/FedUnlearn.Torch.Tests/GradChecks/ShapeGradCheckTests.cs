using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using static FedUnlearn.Torch.Tests.GradChecks.GradCase;

namespace FedUnlearn.Torch.Tests.GradChecks;

public sealed class ShapeGradCheckTests
{
    private static readonly Dictionary<string, Func<GradCase>> Cases = new()
    {
        ["reshape_view"] = () => Of(x => x[0].reshape(3, 2).view(6) * torch.arange(1.0, 7.0, 1.0, torch.float64), R(2, 3)),
        ["transpose_t"] = () => Of(x => x[0].transpose(0, 1).contiguous() + x[0].t(), R(2, 2)),
        ["permute"] = () => Of(x => x[0].permute(2, 0, 1), R(2, 3, 2)),
        ["cat"] = () => Of(x => torch.cat([x[0], x[1]], 1), R(2, 1), R(2, 3)),
        ["stack"] = () => Of(x => torch.stack([x[0], x[1]], 1), R(2, 3), R(2, 3)),
        ["narrow_slice_select"] = () => Of(x => x[0].narrow(1, 1, 2).sum(1) + x[0].slice(1, 0, 4, 2).sum(1) + x[0].select(1, 3), R(2, 4)),
        ["index_select"] = () => Of(x => x[0].index_select(0, torch.tensor<long>([2, 0, 2])), R(3, 2)),
        ["gather"] = () => Of(x => x[0].gather(1, torch.tensor<long>([1, 0, 0, 2], [2, 2])), R(2, 3)),
        ["squeeze_unsqueeze_flatten"] = () => Of(x => x[0].squeeze(1).unsqueeze(0).flatten() + x[0].squeeze().flatten(), R(3, 1, 2)),
        ["expand_repeat"] = () => Of(x => x[0].expand(2, 3) * x[0].repeat(2, 1), R(1, 3)),
        ["flip_tril_triu"] = () => Of(x => x[0].flip(0).tril() + x[0].triu(1), R(3, 3)),
        ["masked_select"] = () => Of(x => x[0].masked_select(torch.tensor<bool>([true, false, true, true])), R(4)),
        ["scatter_add"] = () => Of(x => torch.zeros([2, 3], torch.float64).scatter_add(1, torch.tensor<long>([0, 0, 2, 1], [2, 2]), x[0]), R(2, 2)),
        ["split_chunk"] = () => Of(x => x[0].split(2)[1].sum(0) + x[0].chunk(2)[0].sum(0), R(5, 2)),
        ["clone_alias_to"] = () => Of(x => x[0].clone() + x[0].to(ScalarType.Float64), R(3)),
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
