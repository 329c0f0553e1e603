using FedUnlearn.Client.Storage;
using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Contracts.V1;

namespace FedUnlearn.Client.Tests;

public sealed class FederationClientForgetTests
{
    [Fact]
    public async Task RequestForgetAsync_TombstonesBeforeTheServerAcknowledges()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();
        h.Server.HoldForgetReply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = client.RequestForgetAsync([11, 12, 13], "GDPR #1");
        await h.Server.ForgetRequests.NextAsync();

        // The server has the request but has not answered: the samples must already be out of training.
        Assert.False(pending.IsCompleted);
        Assert.All(new long[] { 11, 12, 13 }, id => Assert.True(client.Store.Tombstones.Contains(id)));
        var local = Assert.Single(await client.Store.ForgetRequests.ListAsync());
        Assert.Equal(LocalForgetState.Pending, local.State);

        h.Server.HoldForgetReply.SetResult();
        var acknowledged = await pending.WaitAsync(ClientHarness.Patience);
        Assert.Equal(LocalForgetState.Accepted, acknowledged.State);
        Assert.Equal("ticket-1", acknowledged.TicketId);
    }

    [Fact]
    public async Task RequestForgetAsync_SendsOnlyTheCountAndTheRequestId()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();

        var request = await client.RequestForgetAsync([5, 900_001, 5, 77], "erase user 42", requestId: "app-req-1");
        var received = await h.Server.ForgetRequests.NextAsync();

        // Exactly this message, nothing else: three distinct samples as a count, never their ids.
        var expected = new RequestForgetRequest
        {
            RequestId = "app-req-1",
            Scope = new ForgetScope { Samples = new SampleScope { SampleCount = 3 } },
            Reason = "erase user 42",
        };
        Assert.Equal(expected, received);
        Assert.Equal(3, request.SampleCount);
        var stored = await client.Store.ForgetRequests.GetSampleIdsAsync("app-req-1");
        Assert.Equal(new long[] { 5, 77, 900_001 }, stored);
    }

    [Fact]
    public async Task RequestForgetAsync_SameRequestIdAgain_ReturnsTheSameTicketWithoutANewRequest()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();

        var first = await client.RequestForgetAsync([1, 2], requestId: "r-1");
        var second = await client.RequestForgetAsync([2, 1, 1], requestId: "r-1");

        Assert.Equal(first.TicketId, second.TicketId);
        Assert.Single(await client.Store.ForgetRequests.ListAsync());
        await h.Server.ForgetRequests.NextAsync();
        Assert.False(h.Server.ForgetRequests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RequestForgetAsync_SameRequestIdForOtherSamples_Throws()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();
        await client.RequestForgetAsync([1, 2], requestId: "r-1");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.RequestForgetAsync([1, 3], requestId: "r-1"));

        Assert.Contains("r-1", error.Message);
        Assert.False(client.Store.Tombstones.Contains(3));
    }

    [Fact]
    public async Task RequestForgetAsync_LostReply_ResendGetsTheSameTicket()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();
        h.Server.LoseNextForgetReply = true;

        var request = await client.RequestForgetAsync([4], requestId: "r-lost");

        // The retry re-sent the same request id; the server recognised it as a duplicate.
        var a = await h.Server.ForgetRequests.NextAsync();
        var b = await h.Server.ForgetRequests.NextAsync();
        Assert.Equal(a, b);
        Assert.Equal("ticket-1", request.TicketId);
        Assert.Equal(LocalForgetState.Accepted, request.State);
    }

    [Fact]
    public async Task RequestForgetAsync_ServerUnreachable_StaysPendingAndIsResentAfterRestart()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var offline = h.Options(address: new Uri("http://127.0.0.1:1"));
        offline.Resilience.Calls.MaxRetryAttempts = 0;
        var client = await h.CreateClientAsync(offline);

        var pending = await client.RequestForgetAsync([21, 22], "offline request", requestId: "r-offline");

        Assert.Equal(LocalForgetState.Pending, pending.State);
        Assert.True(client.Store.Tombstones.Contains(21));
        await client.DisposeAsync();

        // A new process on the same data directory, now able to reach the server.
        await h.StartClientAsync();
        var received = await h.Server.ForgetRequests.NextAsync();
        Assert.Equal("r-offline", received.RequestId);
        Assert.Equal(2UL, received.Scope.Samples.SampleCount);
        await h.Server.Subscriptions.NextAsync();
        var stored = await h.Client.Store.ForgetRequests.GetAsync("r-offline");
        Assert.Equal("ticket-1", stored!.TicketId);
        Assert.True(h.Client.Store.Tombstones.Contains(22));
    }

    [Fact]
    public async Task GetForgetStatusAsync_RecordsTheServersStateLocally()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var client = await h.CreateClientAsync();
        var request = await client.RequestForgetAsync([8], requestId: "r-status");
        h.Server.StatusReply = new ForgetStatus
        {
            TicketId = request.TicketId, State = ForgetState.Verifying, Method = "rfa", Progress = 0.75,
            RoundsCompleted = 3, RoundsPlanned = 4,
            Verification = new EvaluationReport { ForgetAccuracy = 0.1, TestAccuracy = 0.8 },
        };

        var status = await client.GetForgetStatusAsync(request.TicketId!);

        Assert.Equal(LocalForgetState.Verifying, status.State);
        Assert.Equal("rfa", status.Method);
        Assert.Equal(3, status.RoundsCompleted);
        Assert.Equal(0.1, status.Verification["forget_accuracy"]);
        Assert.False(status.Verification.ContainsKey("retain_accuracy"));
        Assert.Null(status.FailureReason);
        Assert.Equal(LocalForgetState.Verifying, (await client.Store.ForgetRequests.GetAsync("r-status"))!.State);
    }

    [Fact]
    public async Task UnlearnTask_SampleScope_GivesTheLearnerTheLocalRequestAndItsSamples()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        var request = await h.Client.RequestForgetAsync([30, 31, 32], requestId: "r-unlearn");
        h.Server.Send("alice", new ClientTask
        {
            TaskId = "u1", AdapterVersion = 1, Round = 9,
            Unlearn = new UnlearnTask
            {
                TicketId = request.TicketId, Role = UnlearnRole.Forget, Method = "rfa",
                MethodOptions = { ["lambda"] = "2" },
                Scope = new ForgetScope { Samples = new SampleScope { SampleCount = 3 } },
            },
        });

        var submission = await h.Server.Submissions.NextAsync();

        Assert.NotNull(submission.Adapter);
        var settings = Assert.Single(h.Learner.Unlearned);
        Assert.Equal(Learning.Federated.UnlearnRole.Forget, settings.Role);
        Assert.Equal("rfa", settings.Method);
        Assert.Equal("2", settings.Options["lambda"]);
        Assert.Equal(["r-unlearn"], settings.ForgetRequestIds);
        var resolved = await h.Context!.ResolveForgetSamplesAsync(settings.ForgetRequestIds, CancellationToken.None);
        Assert.Equal(new long[] { 30, 31, 32 }, resolved);
        Assert.True(h.Context.Tombstones.Contains(31));
    }

    [Fact]
    public async Task UnlearnTask_UnknownTicket_ReportsUnknownTicket()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        h.Server.Send("alice", new ClientTask
        {
            TaskId = "u1", AdapterVersion = 1,
            Unlearn = new UnlearnTask
            {
                TicketId = "ticket-of-someone-else", Role = UnlearnRole.Forget, Method = "rfa",
                Scope = new ForgetScope { Samples = new SampleScope { SampleCount = 3 } },
            },
        });

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("unknown_ticket", submission.Header.Error.Code);
        Assert.Empty(h.Learner.Unlearned);
    }
}
