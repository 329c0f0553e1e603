using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using static FedUnlearn.Torch.Tests.GradChecks.GradCase;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests.GradChecks;

/// <summary>
/// Ops that draw random numbers: GradCheck reseeds before every evaluation so each draws the same
/// mask, which holds only while no other test draws from libtorch's process-wide generator.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RandomGradCheckTests
{
    private static readonly Dictionary<string, Func<GradCase>> Cases = new()
    {
        ["dropout"] = () => Of(x => F.dropout(x[0], 0.3), R(4, 5)),
        ["sdpa_float_mask_dropout"] = () => Of(
            x => F.scaled_dot_product_attention(x[0], x[1], x[2], x[3], dropoutP: 0.2), R(2, 4), R(3, 4), R(3, 2), R(2, 3)),
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
