using System.Diagnostics;
using FedUnlearn.Torch;
using FedUnlearn.Torch.Tests.Support;
using F = FedUnlearn.Torch.torch.nn.functional;

namespace FedUnlearn.Torch.Tests;

[Collection(SerialCollection.Name)]
public sealed class LeakTests
{
    [Fact]
    public void TrainingSteps_InDisposeScopes_ReturnLiveCountToBaseline_AndKeepRssFlat()
    {
        torch.manual_seed(0);
        var w1 = torch.randn([16, 32], requiresGrad: true).DetachFromDisposeScope();
        var w2 = torch.randn([32, 4], requiresGrad: true).DetachFromDisposeScope();
        var x = torch.randn(8, 16);
        var y = torch.randint(0, 4, [8]);
        // Tensors other tests left to the GC must be finalized before the baseline is taken.
        Rss();
        var baseline = Tensor.LiveCount;

        RunSteps(500, w1, w2, x, y);
        Assert.Equal(baseline, Tensor.LiveCount);
        var rssBefore = Rss();

        RunSteps(10_000, w1, w2, x, y);

        Assert.Equal(baseline, Tensor.LiveCount);
        var growth = Rss() - rssBefore;
        Assert.True(growth < 50L << 20, $"RSS grew by {growth >> 20} MiB over 10,000 steps");
        foreach (var t in new[] { w1, w2, x, y })
        {
            t.Dispose();
        }

        Assert.Equal(baseline - 4, Tensor.LiveCount);
    }

    [Fact]
    public void Dispose_DecrementsLiveCount_AndScopeReleasesEverything()
    {
        Rss();
        var baseline = Tensor.LiveCount;
        using (torch.NewDisposeScope())
        {
            var a = torch.ones([3], requiresGrad: true);
            var (v, i) = (a * 2).max(0);
            (v + i).sum();
            Assert.Equal(baseline + 6, Tensor.LiveCount);
        }

        Assert.Equal(baseline, Tensor.LiveCount);
        var t = torch.zeros(1);
        Assert.Equal(baseline + 1, Tensor.LiveCount);
        t.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    private static void RunSteps(int steps, Tensor w1, Tensor w2, Tensor x, Tensor y)
    {
        for (var step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = F.cross_entropy(F.relu(x.matmul(w1)).matmul(w2), y);
            loss.backward();
            using (torch.no_grad())
            {
                foreach (var w in new[] { w1, w2 })
                {
                    w.sub_(w.grad!, alpha: 0.01);
                    w.zero_grad();
                }
            }

            _ = loss.item<float>();
        }
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
