using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests;

/// <summary>
/// Forward values against PyTorch 1.13. The expected numbers were produced once by /usr/bin/python3 with
/// torch 1.13 (float64, inputs S(n, scale, offset) = sin(arange(n) * scale + offset), built the same way
/// here) and pasted rounded to 10 decimals.
/// </summary>
public sealed class FunctionalForwardTests : IDisposable
{
    private readonly DisposeScope _scope = torch.NewDisposeScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void Conv2d_StridePadding_MatchesPyTorch()
    {
        var x = S(32).reshape(1, 2, 4, 4);
        var w = S(54, 0.3, 1.0).reshape(3, 2, 3, 3);
        var b = torch.tensor<double>([0.1, -0.2, 0.3]);
        Near([1.4829050331, 1.4420015335, -0.7624864621, -0.5118558983, 0.1175512795, -0.5481932973, -0.1805516698, -0.8378589572,
              -0.6798099634, -1.4839931441, 1.1871738954, 0.1021668263], [1, 3, 2, 2], F.conv2d(x, w, b, stride: 2, padding: 1));
    }

    [Fact]
    public void Pools_MatchPyTorch()
    {
        var x = S(32).reshape(1, 2, 4, 4);
        Near([0.6442176872, 0.98544973, 0.8545989081, 0.9881682339, 0.9906073557, 0.6695697622, 0.9927664058, 0.8366556385], [1, 2, 2, 2], F.max_pool2d(x, 2));
        Near([0.0698247344, 0.0320072412, 0.0603832728, -0.1633243785, 0.0265599273, 0.0946499409, 0.1830990193, 0.1503591474], [1, 2, 2, 2],
            F.avg_pool2d(x, 3, stride: 2, padding: 1));
        Near([0.1571056524, -0.0013423221, -0.1575619537, -0.0522183881, 0.1398111333, 0.0997449858, 0.0597598364, 0.1560599372,
              -0.0067097131, -0.1583407988, -0.0471157533, 0.1423245388], [1, 2, 3, 2], F.adaptive_avg_pool2d(x, 3, 2));
    }

    [Fact]
    public void LayerNormLinearEmbedding_MatchPyTorch()
    {
        var y = S(10, 0.9).reshape(2, 5);
        Near([0.7099316459, 1.4126134675, 1.8423829502, 0.6644192822, -0.8070497859, 0.5415518115, 0.101665752, 0.6886277754, 1.4859923709, 1.2443850988],
            [2, 5], F.layer_norm(y, [5], S(5, 0.5, 0.3), S(5, 0.2, 2.0)));
        Near([1.5796361822, 1.7839191778, -0.4546169633, 2.1740049324, -0.2056196949, -2.3036779083], [2, 3],
            F.linear(y, S(15, 0.25).reshape(3, 5), torch.tensor<double>([1.0, 0, -1])));
        Near([-0.9775301177, -0.9589242747, -0.7055403256, 0.9974949866, 0.9092974268, 0.5984721441, 0.0, 0.4794255386, 0.8414709848,
              -0.9775301177, -0.9589242747, -0.7055403256], [2, 2, 3], F.embedding(torch.tensor<long>([3, 1, 0, 3], [2, 2]), S(12, 0.5).reshape(4, 3)));
    }

    [Fact]
    public void Activations_MatchPyTorch()
    {
        var y = S(10, 0.9).reshape(2, 5);
        Near([0.0, 0.6135661955, 0.8130984008, 0.284399373, -0.1456141486, -0.1604648802, -0.1698775027, 0.0085197288, 0.6240654806, 0.8088389194], [2, 5], F.gelu(y));
        Near([0.0, 0.6134873742, 0.8129548832, 0.2843897215, -0.1456251376, -0.1606097031, -0.1699531237, 0.0085197288, 0.6239834701, 0.8086968059], [2, 5], F.gelu(y, "tanh"));
        Near([0.1248048993, 0.273165714, 0.330497582, 0.1913552394, 0.0801765653, 0.0561209578, 0.0688737385, 0.1516921806, 0.3298728587, 0.3934402644], [2, 5], F.softmax(y, 1));
        Near([-0.3193545753, -0.1914126216, -0.3249997758, -0.8929691094, -1.6303849052, -1.2968846929, -1.7475040188, -1.2820335062, -0.5266811258, -0.217974651],
            [2, 5], F.log_softmax(y, 0));
    }

    [Fact]
    public void Losses_MatchPyTorch()
    {
        var logits = S(12, 1.3).reshape(3, 4) * 3.0;
        var t = torch.tensor<long>([2, 0, 3]);
        var y = S(10, 0.9).reshape(2, 5);
        Near([2.5508400705], [], F.cross_entropy(logits, t));
        Near([2.6117173373], [], F.cross_entropy(logits, t, labelSmoothing: 0.2));
        Near([0.8121684164, 5.8522928283, 0.1758905506], [3], F.cross_entropy(logits, t, torch.tensor<double>([1, 2, 0.5, 1]), reduction: Reduction.None));
        Near([7.6525202115], [], F.nll_loss(F.log_softmax(logits, 1), t, reduction: Reduction.Sum));
        Near([1.2843937483], [], F.mse_loss(y.select(0, 0), y.select(0, 1)));
        Near([2.7277366679], [], F.kl_div(F.log_softmax(logits, 1), F.softmax(logits.flip(0), 1), Reduction.BatchMean));
        Near([0.7227883668], [], F.binary_cross_entropy_with_logits(y.select(0, 0), y.select(0, 1).gt(0.0).to(ScalarType.Float64)));
    }

    [Fact]
    public void ScaledDotProductAttention_MatchesPyTorchComposition()
    {
        var q = S(24, 0.4).reshape(2, 3, 4);
        var k = S(40, 0.6, 0.5).reshape(2, 5, 4);
        var v = S(20, 0.8, 1.5).reshape(2, 5, 2);
        Near([0.2420413424, 0.2954266657, 0.3619344843, 0.4874594642, 0.3336785729, 0.0401766127, -0.0959636448, -0.0814666575, 0.231730542,
              -0.1073398624, 0.2236827758, -0.0699775829], [2, 3, 2], F.scaled_dot_product_attention(q, k, v));
        Near([0.9974949866, 0.7457052122, 0.8353582552, 0.5025679802, -0.0686496644, -0.5302744514], [3, 2],
            F.scaled_dot_product_attention(S(12, 0.4).reshape(3, 4), S(12, 0.6, 0.5).reshape(3, 4), S(6, 0.8, 1.5).reshape(3, 2), isCausal: true));
    }

    [Fact]
    public void BatchNormAndGroupNorm_MatchPyTorch_AndUpdateRunningStats()
    {
        var x = S(12, 0.9).reshape(2, 3, 2);
        var mean = torch.zeros([3], torch.float64);
        var variance = torch.ones([3], torch.float64);
        Near([0.9056214064, 1.3263536956, 1.3978592985, -0.3654336793, 0.5282429634, -0.506040309, 0.490562294, 0.9146523113, 0.8164714352,
              1.3850885609, 2.1804350454, 0.4992150224], [2, 3, 2], F.batch_norm(x, mean, variance, S(3, 0.5, 0.3), S(3, 0.2, 2.0), training: true));
        Near([0.0006844081, 0.0791196296, -0.0366366992], [3], mean);
        Near([0.9403620447, 0.9065887125, 0.9331223707], [3], variance);
        Near([-0.0007057734, 0.8070744032, 0.9396875657, 0.3657601267, -0.4201748272, -0.9740220821, -0.7975937987, 0.0166330099, 0.7504538696,
              0.9355308675, 0.4645557622, -0.4357189686], [2, 3, 2], F.batch_norm(x, mean, variance));
        Near([0.8414709848, 0.8414709848, 1.4878276665, 1.0645857702, 2.3475171533, 0.6428642692, -0.1690836091, 0.8866567435, 0.8414709848,
              0.8414709848, 1.5075259476, 0.9100737133, 2.2463368683, 0.4562438242, -0.1892325159, 1.2479698621], [2, 4, 2],
            F.group_norm(S(16, 0.8).reshape(2, 4, 2), 2, S(4, 0.5), S(4, 0.3, 1.0)));
    }

    [Fact]
    public void Dropout_ZeroesAboutPAndScalesTheRest_AndIsIdentityWhenNotTraining()
    {
        torch.manual_seed(3);
        var x = torch.ones(10000);
        var d = F.dropout(x, 0.25).ToArray<float>();
        Assert.InRange(d.Count(v => v == 0) / 10000.0, 0.23, 0.27);
        Assert.All(d.Where(v => v != 0), v => Assert.Equal(1 / 0.75f, v, 5));
        Assert.Equal(x.ToArray<float>(), F.dropout(x, 0.25, training: false).ToArray<float>());
    }

    [Fact]
    public void OneHotAndCosineSimilarity_MatchHandComputedValues()
    {
        Assert.Equal([0L, 1, 0, 1, 0, 0], F.one_hot(torch.tensor<long>([1, 0]), 3).ToArray<long>());
        var a = torch.tensor<double>([1, 0, 1, 1], [2, 2]);
        var b = torch.tensor<double>([0, 1, 2, 2], [2, 2]);
        Assert.Equal([0.0, 1.0], F.cosine_similarity(a, b).ToArray<double>(), new Tol(1e-12));
    }

    private static Tensor S(long n, double scale = 0.7, double offset = 0) =>
        torch.arange(0.0, n, 1.0, torch.float64).mul(scale).add(offset).sin();

    private static void Near(double[] expected, long[] shape, Tensor actual)
    {
        Assert.Equal(shape, actual.shape);
        Assert.Equal(expected, actual.ToArray<double>(), new Tol(1e-9));
    }
}
