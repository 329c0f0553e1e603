using FedUnlearn.Torch;

namespace FedUnlearn.Torch.Tests;

public sealed class DisposeScopeTests
{
    [Fact]
    public void Dispose_FreesTensorsCreatedInside_ButNotMovedOnes()
    {
        Tensor inner, kept, detached;
        using (var outer = torch.NewDisposeScope())
        {
            using (var scope = torch.NewDisposeScope())
            {
                inner = torch.ones(2);
                kept = (inner * 2).MoveToOuterDisposeScope();
                detached = torch.zeros(1).DetachFromDisposeScope();
                Assert.Equal(1, scope.Count);
            }

            Assert.True(inner.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal([2f, 2f], kept.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }

        Assert.True(kept.IsDisposed);
        Assert.False(detached.IsDisposed);
        detached.Dispose();
    }

    [Fact]
    public void UseAfterDispose_ThrowsObjectDisposedExceptionNamingTheCause()
    {
        var t = torch.ones(2);
        t.Dispose();
        t.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Contains("disposed", ex.Message);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => torch.matmul(t, t));
        Assert.Equal("Tensor (disposed)", t.ToString());
    }

    [Fact]
    public void MoveToOuter_WithoutOuterScope_LeavesTensorUnowned()
    {
        Tensor t;
        using (torch.NewDisposeScope())
        {
            t = torch.ones(1).MoveToOuterDisposeScope();
        }

        Assert.False(t.IsDisposed);
        t.Dispose();
    }
}
