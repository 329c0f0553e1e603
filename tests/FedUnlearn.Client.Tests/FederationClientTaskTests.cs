using FedUnlearn.Client.Events;
using FedUnlearn.Client.Tests.Support;
using FedUnlearn.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FedUnlearn.Client.Tests;

public sealed class FederationClientTaskTests
{
    [Fact]
    public async Task RunAsync_TrainTask_UploadsLearnerAdapterInChunks()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        var join = await h.Server.Joins.NextAsync();
        Assert.Equal("alice", join.ClientId);
        Assert.Equal("cpu", join.Capabilities.Device);

        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", version: 1, round: 4));
        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("t1", submission.Header.TaskId);
        Assert.Equal(1UL, submission.Header.BaseVersion);
        Assert.Equal(40UL, submission.Header.SampleCount);
        Assert.Null(submission.Header.Error);
        Assert.Equal(0.4, submission.Header.Metrics["loss"]);
        Assert.Equal(3.0, submission.Header.Metrics["seconds"]);
        Assert.False(submission.Header.Metrics.ContainsKey("ignored")); // NaN metrics are dropped
        var expected = FakeFederationServer.Uniform(0.5f);
        Assert.Equal(expected.ContentHash(), submission.Adapter!.ContentHash());
        Assert.True(submission.Chunks > 1, $"a 96-byte payload in 64-byte chunks needs 2+ chunks, got {submission.Chunks}");

        var (_, settings) = Assert.Single(h.Learner.Trained);
        Assert.Equal(2, settings.Epochs);
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal(0.05, settings.LearningRate);
        Assert.Equal(7, settings.Seed);
        Assert.Equal(4, settings.Round);
        var done = await h.Submitted.NextAsync();
        Assert.Equal(TaskSubmissionOutcome.Accepted, done.Outcome);
        Assert.True(done.PayloadBytes > 64);
        lock (h.Progress) Assert.Equal([1, 2], h.Progress.Select(p => p.Progress.Step));
    }

    [Fact]
    public async Task RunAsync_ClipNorm_ScalesTheUpdateDownToTheBound()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        var task = FakeFederationServer.TrainTask("t1", 1);
        task.HyperParameters.ClipNorm = 1.0;
        h.Server.Send("alice", task);

        var submission = await h.Server.Submissions.NextAsync();

        // 24 values of 0.5: norm sqrt(6) before clipping, exactly 1 after, direction unchanged.
        Assert.Equal(Math.Sqrt(6), submission.Header.Metrics["update_norm"], 6);
        var values = submission.Adapter!.SelectMany(t => t.Data).ToArray();
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 5);
        Assert.All(values, v => Assert.Equal(0.5 / Math.Sqrt(6), v, 5));
    }

    [Fact]
    public async Task RunAsync_TwoTasksOnOneVersion_DownloadsTheAdapterOnce()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        await h.Server.Joins.NextAsync();

        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        h.Server.Send("alice", FakeFederationServer.TrainTask("t2", 1, round: 2));
        await h.Server.Submissions.NextAsync();
        await h.Server.Submissions.NextAsync();

        Assert.Equal(1, h.Server.FetchCount);
        Assert.All(h.Learner.Trained, t => Assert.Equal(FakeFederationServer.Adapter(1f).ContentHash(), t.Input.ContentHash()));
    }

    [Fact]
    public async Task RunAsync_LearnerThrows_ReportsErrorAsDataAndKeepsWorking()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        await h.Server.Joins.NextAsync();
        h.Learner.ThrowNext = new OutOfMemoryException("GPU memory exhausted");

        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        h.Server.Send("alice", FakeFederationServer.TrainTask("t2", 1));
        var failed = await h.Server.Submissions.NextAsync();
        var next = await h.Server.Submissions.NextAsync();

        Assert.Equal("learner_failed", failed.Header.Error.Code);
        Assert.Contains("GPU memory exhausted", failed.Header.Error.Message);
        Assert.Null(failed.Header.Payload);
        Assert.Null(failed.Adapter);
        Assert.Equal("t2", next.Header.TaskId);
        Assert.NotNull(next.Adapter);
        Assert.False(h.Run.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_NonFiniteUpdate_ReportsItInsteadOfUploading()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Learner.Poison = float.NaN;
        await h.StartClientAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("non_finite_update", submission.Header.Error.Code);
        Assert.Null(submission.Adapter);
    }

    [Fact]
    public async Task RunAsync_FrozenParametersHonoured_UploadsAZeroDeltaForThem()
    {
        await using var h = await ClientHarness.StartServerAsync();
        h.Learner.HonoursFrozenParameters = true;
        await h.StartClientAsync();
        var task = FakeFederationServer.TrainTask("t1", 1);
        task.Train.FrozenParameters.Add("fc1.lora_A");
        h.Server.Send("alice", task);

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Null(submission.Header.Error);
        Assert.All(submission.Adapter!["fc1.lora_A"].Data, v => Assert.Equal(0f, v));
        Assert.All(submission.Adapter!["fc1.lora_B"].Data, v => Assert.Equal(0.5f, v));
        Assert.Equal(["fc1.lora_A"], Assert.Single(h.Learner.Trained).Settings.FrozenParameters);
    }

    [Fact]
    public async Task RunAsync_LearnerIgnoresFrozenParameters_FailsTheTaskWithTheReasonInsteadOfUploading()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        var task = FakeFederationServer.TrainTask("t1", 1);
        task.Train.FrozenParameters.Add("fc1.lora_A");
        h.Server.Send("alice", task);

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("frozen_parameters_changed", submission.Header.Error.Code);
        Assert.StartsWith("The task freezes 'fc1.lora_A', but the learner changed it (element 0: 1 -> 1.5)", submission.Header.Error.Message);
        Assert.Null(submission.Adapter);
    }

    [Fact]
    public async Task RunAsync_DeadlineAlreadyPassed_ReportsWithoutTraining()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        var task = FakeFederationServer.TrainTask("t1", 1);
        task.Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1));
        h.Server.Send("alice", task);

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("deadline_exceeded", submission.Header.Error.Code);
        Assert.Empty(h.Learner.Trained);
    }

    [Fact]
    public async Task RunAsync_EvaluateTask_ReportsAggregatesWithoutPayload()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        h.Server.Send("alice", new ClientTask
        {
            TaskId = "e1", Round = 3, AdapterVersion = 1,
            Evaluate = new EvaluateTask { MembershipInference = true, Scope = new ForgetScope { ClassLabel = new ClassScope { Label = 1 } } },
        });

        var submission = await h.Server.Submissions.NextAsync();

        var report = submission.Header.Evaluation;
        Assert.Null(submission.Header.Payload);
        Assert.Equal(0.6, report.TestAccuracy, 12);
        Assert.Equal(10UL, report.TestSamples);
        Assert.Equal(0.75, report.PerClassAccuracy[0], 12);
        Assert.Equal(0.5, report.PerClassAccuracy[1], 12);
        Assert.Equal(0.2, report.ForgetAccuracy, 12);
        Assert.Equal(0.55, report.MiaLossAccuracy, 12);
        Assert.False(report.HasRetainAccuracy);
        var settings = Assert.Single(h.Learner.Evaluated);
        Assert.Equal(1, settings.ForgetClass);
        Assert.True(settings.MembershipInference);
    }

    [Fact]
    public async Task RunAsync_UnknownTaskKind_AnswersUnsupported()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        h.Server.Send("alice", new ClientTask { TaskId = "x1", AdapterVersion = 1 });

        var submission = await h.Server.Submissions.NextAsync();

        Assert.Equal("unsupported_task", submission.Header.Error.Code);
    }

    [Fact]
    public async Task RunAsync_RedeliveredFinishedTask_IsNotComputedAgain()
    {
        await using var h = await ClientHarness.StartServerAsync();
        await h.StartClientAsync();
        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        await h.Server.Submissions.NextAsync();

        h.Server.Send("alice", FakeFederationServer.TrainTask("t1", 1));
        h.Server.Send("alice", FakeFederationServer.TrainTask("t2", 1));
        var next = await h.Server.Submissions.NextAsync();

        Assert.Equal("t2", next.Header.TaskId);
        Assert.Equal(2, h.Learner.Trained.Count);
    }
}
