using FedUnlearn.Contracts.V1;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;

namespace FedUnlearn.Contracts.Tests.V1;

/// <summary>Pins the RPC shapes transport code relies on: names, message types and streaming direction.</summary>
public class ServiceContractTests
{
    private static string Shape(MethodDescriptor m) =>
        $"{m.Name}({(m.IsClientStreaming ? "stream " : "")}{m.InputType.Name}) -> {(m.IsServerStreaming ? "stream " : "")}{m.OutputType.Name}";

    [Fact]
    public void Federation_HasTheDesignedMethods()
    {
        var service = FederationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Federation");

        Assert.Equal("fedunlearn.v1.Federation", service.FullName);
        Assert.Equal(
        [
            "Join(JoinRequest) -> JoinResponse",
            "Subscribe(SubscribeRequest) -> stream ClientTask",
            "FetchAdapter(FetchAdapterRequest) -> stream FetchAdapterResponse",
            "SubmitUpdate(stream SubmitUpdateRequest) -> SubmitUpdateResponse",
            "RequestForget(RequestForgetRequest) -> RequestForgetResponse",
            "GetForgetStatus(GetForgetStatusRequest) -> ForgetStatus",
        ], service.Methods.Select(Shape));
    }

    [Fact]
    public void Admin_HasTheDesignedMethods()
    {
        var service = AdminReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Admin");

        Assert.Equal(
        [
            "GetFederationStatus(GetFederationStatusRequest) -> FederationStatus",
            "ListClients(ListClientsRequest) -> ListClientsResponse",
            "ListRounds(ListRoundsRequest) -> ListRoundsResponse",
            "ListForgetRequests(ListForgetRequestsRequest) -> ListForgetRequestsResponse",
            "GetAuditLog(GetAuditLogRequest) -> stream AuditRecord",
            "RequestForget(RequestForgetRequest) -> RequestForgetResponse",
            "AddClient(AddClientRequest) -> AddClientResponse",
        ], service.Methods.Select(Shape));
    }

    [Fact]
    public void Health_IsTheStandardService()
    {
        var service = HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health");

        Assert.Equal("grpc.health.v1.Health", service.FullName);
        Assert.Equal(
            ["Check(HealthCheckRequest) -> HealthCheckResponse", "Watch(HealthCheckRequest) -> stream HealthCheckResponse"],
            service.Methods.Select(Shape));
        Assert.Equal(3, (int)HealthCheckResponse.Types.ServingStatus.ServiceUnknown);
    }

    [Fact]
    public void ForgetState_HasTheLifecycleInOrder()
    {
        Assert.Equal(
            [ForgetState.Unspecified, ForgetState.Accepted, ForgetState.Running, ForgetState.Verifying, ForgetState.Completed, ForgetState.Failed],
            Enum.GetValues<ForgetState>());
    }
}
