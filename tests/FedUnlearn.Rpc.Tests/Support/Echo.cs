using FedUnlearn.Rpc.Tests.Protos;

namespace FedUnlearn.Rpc.Tests.Support;

/// <summary>The methods of <c>fedunlearn.testing.Echo</c> (Protos/echo.proto).</summary>
internal static class Echo
{
    public const string ServiceName = "fedunlearn.testing.Echo";

    public static readonly Method<EchoRequest, EchoReply> Unary = new(MethodType.Unary, ServiceName, "Unary", idempotent: true);
    public static readonly Method<EchoRequest, EchoReply> Collect = new(MethodType.ClientStreaming, ServiceName, "Collect");
    public static readonly Method<EchoRequest, EchoReply> Expand = new(MethodType.ServerStreaming, ServiceName, "Expand");
    public static readonly Method<EchoRequest, EchoReply> Chat = new(MethodType.DuplexStreaming, ServiceName, "Chat");
}
