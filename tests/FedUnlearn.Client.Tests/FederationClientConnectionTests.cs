using FedUnlearn.Client.Events;
using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;

namespace FedUnlearn.Client.Tests;

public sealed class FederationClientConnectionTests
{
    [Fact]
    public async Task RunAsync_UnknownToken_FailsAtOnceWithoutRetrying()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.CreateClientAsync(h.Options(token: "not-a-token-anyone-issued"));

        var error = await Assert.ThrowsAsync<FederationClientException>(() => h.Client.RunAsync());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("refused the token", error.Message);
        Assert.False(h.Disconnects.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RunAsync_TokenOfAnotherClient_IsPermissionDenied()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Server.AddToken("token-of-bob-0123456789", "bob");
        await h.CreateClientAsync(h.Options(token: "token-of-bob-0123456789"));

        var error = await Assert.ThrowsAsync<FederationClientException>(() => h.Client.RunAsync());

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task RunAsync_ShutdownForGood_ReturnsAndReportsTheReason()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var shutdown = new TaskCompletionSource<ShutdownEventArgs>();
        await h.StartClientAsync();
        h.Client.ShutdownReceived += (_, e) => shutdown.TrySetResult(e);
        await h.Server.Subscriptions.NextAsync();

        h.Server.Send("alice", new ClientTask { TaskId = "s1", Shutdown = new Shutdown { Reason = "client removed", MayReconnect = false } });

        await h.Run.WaitAsync(ClientHarness.Patience);
        Assert.Equal(new ShutdownEventArgs("client removed", false), await shutdown.Task);
    }

    [Fact]
    public async Task RunAsync_StreamEnds_RejoinsAndTakesTasksOnTheNewStream()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        await h.Server.Subscriptions.NextAsync();
        while (h.Server.Joins.Reader.TryRead(out _)) { }

        h.Server.EndStream("alice");
        var disconnected = await h.Disconnects.NextAsync();
        await h.Server.Subscriptions.NextAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("the server closed the task stream", disconnected.Reason);
        Assert.Equal(1, disconnected.Attempt);
        Assert.Equal("t1", submission.Header.TaskId);
        Assert.Equal(1, h.Server.Joins.Reader.Count);
    }

    [Fact]
    public async Task RunAsync_BrokenUpload_IsSentAgainWholeAndCountedOnce()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Server.BreakFirstUploadAfterChunks = 1;
        await h.StartClientAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal(2, h.Server.SubmitAttempts);
        Assert.Equal(UpdateDisposition.Accepted, submission.Disposition);
        Assert.Equal(FakeFederationServer.Uniform(0.5f).ContentHash(), submission.Adapter!.ContentHash());
        Assert.Single(h.Learner.Trained);
    }

    [Fact]
    public async Task RunAsync_ServerRestartsDuringTraining_SendsTheComputedResultWhenTheTaskIsRedelivered()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Learner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = h.Options();
        options.Resilience.Calls.MaxRetryAttempts = 0;
        await h.StartClientAsync(options);
        await h.Server.Subscriptions.NextAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        await h.Learner.TrainingStarted.Task.WaitAsync(ClientHarness.Patience);

        var port = h.Server.Address.Port;
        await h.Server.StopAsync();
        h.Learner.Gate.SetResult();
        var undelivered = await h.Submitted.NextAsync();
        Assert.Equal(TaskSubmissionOutcome.Undelivered, undelivered.Outcome);

        await h.Server.StartAsync(port);
        await h.Server.Subscriptions.NextAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("t1", submission.Header.TaskId);
        Assert.Equal(FakeFederationServer.Uniform(0.5f).ContentHash(), submission.Adapter!.ContentHash());
        Assert.Single(h.Learner.Trained);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceledAndFreesTheClientForAnotherRun()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.CreateClientAsync();
        using var stop = new CancellationTokenSource();
        var run = h.Client.RunAsync(stop.Token);
        await h.Server.Subscriptions.NextAsync();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(ClientHarness.Patience));
        using var again = new CancellationTokenSource();
        var second = h.Client.RunAsync(again.Token);
        Assert.Equal("alice", await h.Server.Subscriptions.NextAsync());
        await again.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(ClientHarness.Patience));
    }

    [Fact]
    public async Task RunAsync_CancelledDuringAnUpload_ThrowsOperationCanceled()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Server.HoldUploads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await h.CreateClientAsync();
        using var stop = new CancellationTokenSource();
        var run = h.Client.RunAsync(stop.Token);
        await h.Server.Subscriptions.NextAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        await h.Server.UploadArrived.Task.WaitAsync(ClientHarness.Patience);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(ClientHarness.Patience));
    }

    [Fact]
    public async Task RunAsync_ServerWithoutForgetSupport_KeepsTheRequestPendingAndKeepsRunning()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Server.ForgetUnimplemented = true;
        await h.StartClientAsync();
        await h.Server.Subscriptions.NextAsync();
        var request = await h.Client.RequestForgetAsync([3], requestId: "r-later");
        Assert.Equal(FedUnlearn.Client.Storage.LocalForgetState.Pending, request.State);

        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));

        Assert.Equal("t1", (await h.Server.Submissions.NextAsync()).Header.TaskId);
        Assert.Equal(FedUnlearn.Client.Storage.LocalForgetState.Pending, (await h.Client.Store.ForgetRequests.GetAsync("r-later"))!.State);
    }

    [Fact]
    public async Task RunAsync_ServerNeverReachable_GivesUpAfterMaxReconnectAttempts()
    {
        await using var h = await ClientHarness.StartServerAsync();
        var options = h.Options(address: new Uri("http://127.0.0.1:1"));
        options.Resilience.Calls.MaxRetryAttempts = 0;
        options.Resilience.MaxReconnectAttempts = 2;
        await h.CreateClientAsync(options);

        var error = await Assert.ThrowsAsync<RpcException>(() => h.Client.RunAsync());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(2, h.Disconnects.Reader.Count);
    }
}
