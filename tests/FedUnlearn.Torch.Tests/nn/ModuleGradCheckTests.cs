using FedUnlearn.Torch.Modules;
using FedUnlearn.Torch.Tests.Support;
using static FedUnlearn.Torch.Tests.GradChecks.GradCase;

namespace FedUnlearn.Torch.Tests.nn;

/// <summary>
/// Finite differences against backward for every module, in float64 (built in float32, then converted with
/// <c>.to(float64)</c>): gradients w.r.t. the input and every trainable parameter.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ModuleGradCheckTests
{
    private static readonly Dictionary<string, Func<ModuleCase>> Cases = new()
    {
        ["linear"] = () => Of(torch.nn.Linear(3, 4), R(2, 3)),
        ["linear_no_bias_3d_input"] = () => Of(torch.nn.Linear(3, 2, hasBias: false), R(2, 2, 3)),
        ["lora_linear"] = () => Of(WithRandomB(torch.nn.LoRALinear(4, 3, rank: 2, alpha: 6)), R(2, 4)),
        ["lora_linear_dropout"] = () => Of(WithRandomB(torch.nn.LoRALinear(4, 3, rank: 2, alpha: 3, dropout: 0.3)), R(3, 4)),
        ["conv2d"] = () => Of(torch.nn.Conv2d(2, 3, 3, stride: 2, padding: 1), R(1, 2, 5, 5)),
        ["layer_norm"] = () => Of(torch.nn.LayerNorm(4), R(2, 3, 4)),
        ["embedding"] = () => new(torch.nn.Embedding(5, 3), torch.tensor<long>([1, 0, 4, 1], [2, 2]), null),
        ["dropout"] = () => Of(torch.nn.Dropout(0.4), R(3, 4)),
        ["sequential"] = () => Of(torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 2), torch.nn.GELU()), R(2, 3)),
        ["sequential_conv_flatten_relu"] = () => Of(torch.nn.Sequential(torch.nn.Conv2d(1, 2, 2), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(8, 2)), R(2, 1, 3, 3)),
        ["multihead_attention"] = () => Of(torch.nn.MultiheadAttention(4, 2), R(2, 3, 4)),
        ["multihead_attention_mask"] = () => new(torch.nn.MultiheadAttention(4, 2), R(2, 3, 4),
            (m, x) => ((MultiheadAttention)m).forward(x, torch.tensor<bool>([true, true, false, true, false, true], [2, 1, 1, 3]))),
        ["transformer_block"] = () => Of(torch.nn.TransformerEncoderBlock(4, 2, 6), R(2, 3, 4)),
        ["transformer_block_dropout_lora"] = () => Of(WithRandomB(LoRA(torch.nn.TransformerEncoderBlock(4, 2, 6, dropout: 0.2))), R(2, 3, 4)),
    };

    public static TheoryData<string> Modules => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        var c = Cases[name]();
        using var module = c.Module.to(torch.float64);
        var trainable = module.parameters(trainableOnly: true).ToArray();
        if (module.parameters().Any())
        {
            Assert.NotEmpty(trainable);
        }

        var inputs = new[] { c.Input }.Concat(trainable).ToArray();
        GradCheck.Check(x => c.Forward(module, x[0]), inputs);
    }

    private static ModuleCase Of(torch.nn.Module<Tensor, Tensor> module, Tensor input) => new(module, input, null);

    private static TModule WithRandomB<TModule>(TModule module)
        where TModule : torch.nn.Module
    {
        // B starts at zero, which would make every gradient w.r.t. A vanish and the check trivial.
        foreach (var lora in module.modules().OfType<LoRALinear>())
        {
            lora.lora_B.normal_();
        }

        return module;
    }

    private static TransformerEncoderBlock LoRA(TransformerEncoderBlock block)
    {
        block.InjectLoRA(new LoRAConfig { TargetModules = ["q_proj", "v_proj", "fc1"], Rank = 2, Alpha = 4, Dropout = 0.1 });
        return block;
    }

    private sealed record ModuleCase(torch.nn.Module Module, Tensor Input, Func<torch.nn.Module, Tensor, Tensor>? Call)
    {
        public Tensor Forward(torch.nn.Module module, Tensor x) =>
            Call?.Invoke(module, x) ?? ((torch.nn.Module<Tensor, Tensor>)module).forward(x);
    }
}
