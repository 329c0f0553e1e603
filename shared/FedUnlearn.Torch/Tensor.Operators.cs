namespace FedUnlearn.Torch;

/// <summary>C# operators; each allocates a new tensor (use the <c>_</c> methods to update in place).</summary>
public sealed partial class Tensor
{
#pragma warning disable CS1591 // The operators mean what they say.
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator +(Tensor a, long b) => a.add(b);
    public static Tensor operator +(long a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => b.RScalar(a, Internal.BinaryOp.RSub);
    public static Tensor operator -(Tensor a, long b) => a.sub(b);
    public static Tensor operator -(long a, Tensor b) => b.RScalar(a, Internal.BinaryOp.RSub);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator *(Tensor a, long b) => a.mul(b);
    public static Tensor operator *(long a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => b.RScalar(a, Internal.BinaryOp.RDiv);
    public static Tensor operator -(Tensor a) => a.neg();
#pragma warning restore CS1591

    private Tensor RScalar(double value, Internal.BinaryOp op) =>
        Wrap(Internal.Native.fu_binary_scalar(Handle, value, 0, 0, (int)op));

    private Tensor RScalar(long value, Internal.BinaryOp op) =>
        Wrap(Internal.Native.fu_binary_scalar(Handle, value, value, 1, (int)op));
}
