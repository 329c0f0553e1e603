using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Server.Aggregation.ExactLora;
using FedUnlearn.Server.Aggregation.FedAvg;
using static FedUnlearn.Server.Tests.Aggregation.TestSets;

namespace FedUnlearn.Server.Tests.Aggregation;

public class ExactLoraStrategyTests
{
    private const int Out = 4, Rank = 2, In = 3;

    [Fact]
    public void Result_FrozenA_MeanOfBTimesAEqualsMeanOfProducts()
    {
        var random = new Random(11);
        var a = TestSets.Random(random, Rank * In);
        var global = Lora(a, new float[Out * Rank]);
        var aggregator = new ExactLoraStrategy().CreateAggregator(Round(global));
        var expected = new double[Out * In];
        long[] counts = [1, 3, 2];
        var total = counts.Sum();
        for (var c = 0; c < counts.Length; c++)
        {
            var b = TestSets.Random(random, Out * Rank);
            Assert.True(aggregator.Add(Adapter($"c{c}", counts[c], Lora((float[])a.Clone(), b))).IsValid);
            var product = MatMul(b, a);
            for (var i = 0; i < product.Length; i++) expected[i] += counts[c] * product[i] / total;
        }

        var result = aggregator.Result().Parameters;
        var actual = MatMul(result["fc1.lora_B"].Data, result["fc1.lora_A"].Data);

        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6);
        Assert.Equal(a, result["fc1.lora_A"].Data);
    }

    [Fact]
    public void FedAvg_ClientsTrainingA_AverageOfProductsIsNotExact()
    {
        // Why exact mode exists: once A differs per client, mean(B)·mean(A) ≠ mean(B·A).
        var global = Lora(new float[Rank * In], new float[Out * Rank]);
        var aggregator = new FedAvgStrategy().CreateAggregator(Round(global));
        float[] a1 = [1, 0, 0, 0, 1, 0], a2 = [0, 0, 1, 1, 0, 0];
        float[] b1 = [1, 0, 0, 1, 1, 1, 0, 0], b2 = [0, 1, 1, 0, 0, 0, 1, 1];
        aggregator.Add(Adapter("a", 1, Lora(a1, b1)));
        aggregator.Add(Adapter("b", 1, Lora(a2, b2)));

        var result = aggregator.Result().Parameters;
        var averaged = MatMul(result["fc1.lora_B"].Data, result["fc1.lora_A"].Data);
        var exact = MatMul(b1, a1).Zip(MatMul(b2, a2), (x, y) => (x + y) / 2).ToArray();

        Assert.True(averaged.Zip(exact, (x, y) => Math.Abs(x - y)).Max() > 0.1);
    }

    [Fact]
    public void Add_ChangedA_RejectedWithReason()
    {
        var global = Lora(new float[Rank * In], new float[Out * Rank]);
        var aggregator = new ExactLoraStrategy().CreateAggregator(Round(global));
        var changed = new float[Rank * In];
        changed[4] = 0.5f;

        var verdict = aggregator.Add(Adapter("x", 1, Lora(changed, new float[Out * Rank])));

        Assert.Equal("tensor 'fc1.lora_A' is a frozen LoRA A but differs from the global by up to 0.5 (tolerance 1E-06); exact mode requires A unchanged", verdict.Reason);
        Assert.Equal(0, aggregator.AcceptedCount);
    }

    [Fact]
    public void Add_NaNInFrozenA_Rejected()
    {
        var global = Lora(new float[Rank * In], new float[Out * Rank]);
        var aggregator = new ExactLoraStrategy().CreateAggregator(Round(global));
        var a = new float[Rank * In];
        a[0] = float.NaN;

        var verdict = aggregator.Add(Adapter("x", 1, Lora(a, new float[Out * Rank])));

        Assert.Equal("tensor 'fc1.lora_A' has 1 non-finite value (first at index 0)", verdict.Reason);
    }

    [Fact]
    public void Add_DeltaWithZeroA_AcceptedAndBAveraged()
    {
        var global = Lora(new float[Rank * In], new float[Out * Rank]);
        var aggregator = new ExactLoraStrategy().CreateAggregator(Round(global));
        var b1 = Enumerable.Repeat(1f, Out * Rank).ToArray();
        var b2 = Enumerable.Repeat(5f, Out * Rank).ToArray();

        aggregator.Add(Delta("a", 1, Lora(new float[Rank * In], b1)));
        aggregator.Add(Delta("b", 1, Lora(new float[Rank * In], b2)));

        Assert.All(aggregator.Result().Parameters["fc1.lora_B"].Data, v => Assert.Equal(3f, v));
    }

    [Theory]
    [InlineData("fc1.lora_A", true, false)]
    [InlineData("base_model.q_proj.lora_A.default.weight", true, false)]
    [InlineData("layers.0.attn.q.lora_B", false, true)]
    [InlineData("fc1.mylora_A", false, false)]
    [InlineData("fc1.lora_AB", false, false)]
    [InlineData("fc1.bias", false, false)]
    public void LoraNaming_Names_ClassifiedBySegment(string name, bool isA, bool isB)
    {
        Assert.Equal(isA, LoraNaming.IsLoraA(name));
        Assert.Equal(isB, LoraNaming.IsLoraB(name));
    }

    [Fact]
    public void ConfigureTrain_EveryInstructionFreezesEachLoraA_AndNothingElse()
    {
        var global = Of(("fc1.lora_A", [Rank, In], new float[Rank * In]), ("fc1.lora_B", [Out, Rank], new float[Out * Rank]),
            ("blocks.0.attn.q.lora_A", [Rank, In], new float[Rank * In]), ("head.bias", [Out], new float[Out]));
        var strategy = new ExactLoraStrategy();

        var instructions = strategy.ConfigureTrain(Round(global), [new("a"), new("b")]);

        Assert.Equal(["a", "b"], instructions.Select(i => i.ClientId).Order());
        Assert.All(instructions, i => Assert.Equal(["fc1.lora_A", "blocks.0.attn.q.lora_A"], i.FrozenParameters));
        Assert.Equal(["fc1.lora_A", "blocks.0.attn.q.lora_A"], strategy.FrozenParameters(Round(global)));
        Assert.Empty(new FedAvgStrategy().FrozenParameters(Round(global)));
    }

    private static ParameterSet Lora(float[] a, float[] b) =>
        Of(("fc1.lora_A", [Rank, In], a), ("fc1.lora_B", [Out, Rank], b));

    private static double[] MatMul(float[] b, float[] a)
    {
        var product = new double[Out * In];
        for (var o = 0; o < Out; o++)
            for (var i = 0; i < In; i++)
                for (var r = 0; r < Rank; r++)
                    product[o * In + i] += (double)b[o * Rank + r] * a[r * In + i];
        return product;
    }
}
