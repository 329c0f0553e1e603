using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Server.Tests.Federation.Support;
using static FedUnlearn.Server.Tests.Forget.Support.ForgetSteps;

namespace FedUnlearn.Server.Tests.Forget;

/// <summary>Bad forget requests get a clear status and leave nothing behind.</summary>
public sealed class RequestValidationTests
{
    public static TheoryData<bool, ForgetScope?, string, StatusCode, string> Cases => new()
    {
        { true, Client("ghost"), "", StatusCode.NotFound, "No client 'ghost'" },
        { true, Class(10), "", StatusCode.InvalidArgument, "class label 10 is outside the model's classes 0..9" },
        { true, Class(-1), "", StatusCode.InvalidArgument, "class label -1 is outside" },
        { true, Samples(5), "", StatusCode.InvalidArgument, "sample scope belongs to the client" },
        { true, Class(2), "unlearn-everything", StatusCode.InvalidArgument, "unknown unlearning method 'unlearn-everything'" },
        { true, Class(2), "amnesiac", StatusCode.InvalidArgument, "amnesiac undoes one client's own recorded batches" },
        { false, Samples(0), "", StatusCode.InvalidArgument, "sample_count is 0" },
        { false, Class(2), "", StatusCode.PermissionDenied, "operator's decision" },
        { false, Client("b"), "", StatusCode.PermissionDenied, "only ask to remove itself" },
        { false, null, "", StatusCode.InvalidArgument, "no scope" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RequestForget_InvalidRequest_RefusedWithStatusAndNothingStored(bool admin, ForgetScope? scope, string method, StatusCode expected, string detail)
    {
        await using ServerHarness harness = await ServerHarness.StartAsync();
        FakeClient a = await harness.AddClientAsync("a");
        await harness.AddClientAsync("b");
        var request = new RequestForgetRequest { RequestId = "r1", Scope = scope, Method = method };

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => admin ? harness.Admin.RequestForgetAsync(request) : a.Rpc.RequestForgetAsync(request));

        Assert.Equal(expected, refused.StatusCode);
        Assert.Contains(detail, refused.Status.Detail);
        Assert.Empty((await harness.Admin.ListForgetRequestsAsync(new ListForgetRequestsRequest())).Requests);
        Assert.Empty(await ReadColumnAsync(harness.DataDirectory, "ticket_id"));
    }
}
