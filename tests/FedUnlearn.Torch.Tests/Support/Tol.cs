namespace FedUnlearn.Torch.Tests.Support;

/// <summary>Compares doubles or floats within an absolute tolerance (for Assert.Equal on sequences).</summary>
internal sealed class Tol(double tolerance) : IEqualityComparer<double>, IEqualityComparer<float>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance || x.Equals(y);

    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance || x.Equals(y);

    public int GetHashCode(double obj) => 0;

    public int GetHashCode(float obj) => 0;
}
