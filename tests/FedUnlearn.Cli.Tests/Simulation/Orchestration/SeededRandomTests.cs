using FedUnlearn.Cli.Simulation.Orchestration.Internal;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public sealed class SeededRandomTests
{
    [Fact]
    public void Next_KnownSeed_GivesSplitMix64sReferenceSequence()
    {
        // SplitMix64 seeded with 0 (Vigna's reference implementation): the draws are the same on every machine.
        var r = new SeededRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, r.Next());
        Assert.Equal(0x6E789E6AA1B965F4UL, r.Next());
    }

    [Fact]
    public void Permutation_SameSeed_SamePermutationOfEveryIndex()
    {
        var a = new SeededRandom(7).Permutation(100);
        Assert.Equal(a, new SeededRandom(7).Permutation(100));
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
        Assert.NotEqual(a, new SeededRandom(8).Permutation(100));
    }

    [Fact]
    public void Choose_ReturnsDistinctItemsInAscendingOrder()
    {
        long[] items = [.. Enumerable.Range(0, 50).Select(i => 1000L + 3 * i)];
        var chosen = new SeededRandom(3).Choose(items, 10);
        Assert.Equal(10, chosen.Distinct().Count());
        Assert.Equal(chosen.Order(), chosen);
        Assert.All(chosen, c => Assert.Contains(c, items));
    }

    [Fact]
    public void Derive_DifferentSalts_GiveDifferentSeeds()
    {
        Assert.NotEqual(SeededRandom.Derive(42, 1), SeededRandom.Derive(42, 2));
        Assert.Equal(SeededRandom.Derive(42, 1), SeededRandom.Derive(42, 1));
    }
}
