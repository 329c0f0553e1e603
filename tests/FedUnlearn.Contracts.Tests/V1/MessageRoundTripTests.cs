using FedUnlearn.Contracts.Adapters;
using FedUnlearn.Contracts.Tests.Adapters;
using FedUnlearn.Contracts.Tests.Support;
using FedUnlearn.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FedUnlearn.Contracts.Tests.V1;

public class MessageRoundTripTests
{
    internal static ClientTask UnlearnTask() => new()
    {
        TaskId = "t-42",
        Round = 17,
        AdapterVersion = 9,
        Deadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        HyperParameters = new HyperParameters { LocalEpochs = 1, BatchSize = 64, LearningRate = 1e-3, Optimizer = "adamw", Seed = 7 },
        Unlearn = new UnlearnTask
        {
            TicketId = "fr-1",
            Role = UnlearnRole.Forget,
            Method = "rfa",
            MethodOptions = { ["lambda"] = "1.0", ["target"] = "other-class-mean" },
            Scope = new ForgetScope { Samples = new SampleScope { SampleCount = 120 } },
            CampaignRound = 1,
            CampaignRounds = 3,
        },
    };

    [Fact]
    public void ClientTask_SerializeAndParse_KeepsEveryField()
    {
        var task = UnlearnTask();

        var back = ClientTask.Parser.ParseFrom(task.ToByteArray());

        Assert.Equal(task, back);
        Assert.Equal(ClientTask.KindOneofCase.Unlearn, back.KindCase);
        Assert.Equal(ForgetScope.ScopeOneofCase.Samples, back.Unlearn.Scope.ScopeCase);
        Assert.Equal("other-class-mean", back.Unlearn.MethodOptions["target"]);
    }

    [Fact]
    public void SubmitUpdateStream_HeaderThenChunks_RoundTripsAndAssembles()
    {
        var split = AdapterChunker.Split(AdapterTestData.Small(), chunkSize: 16);
        var messages = new List<SubmitUpdateRequest>
        {
            new() { Header = new SubmitUpdateHeader { TaskId = "t-1", BaseVersion = 3, SampleCount = 600, Metrics = { ["loss"] = 0.25 }, Payload = split.Header } },
        };
        messages.AddRange(split.Chunks.Select(c => new SubmitUpdateRequest { Chunk = c }));

        var received = messages.Select(m => SubmitUpdateRequest.Parser.ParseFrom(m.ToByteArray())).ToList();
        using var assembler = new AdapterAssembler(received[0].Header.Payload);
        foreach (var m in received.Skip(1)) assembler.Add(m.Chunk);

        Assert.Equal(0.25, received[0].Header.Metrics["loss"]);
        Assert.Equal(AdapterTestData.Small().ContentHash(), assembler.CompleteParameterSet().ContentHash());
    }

    [Fact]
    public void EvaluationReport_OptionalFields_DistinguishAbsentFromZero()
    {
        var report = new EvaluationReport { ForgetAccuracy = 0.0, TestAccuracy = 0.86, MiaLossAccuracy = 0.51, TestSamples = 1000, PerClassAccuracy = { [3] = 0.9 } };

        var back = EvaluationReport.Parser.ParseFrom(report.ToByteArray());

        Assert.True(back.HasForgetAccuracy);
        Assert.Equal(0.0, back.ForgetAccuracy);
        Assert.False(back.HasRetainAccuracy);
        Assert.Equal(0.9, back.PerClassAccuracy[3]);
    }

    [PythonFact("google.protobuf")]
    public async Task PythonProtobuf_ParsesOurBytesAndWritesBytesWeParse()
    {
        using var dir = new TempDirectory();
        var protoRoot = RepositoryRoot.Find("proto");
        var taskFile = dir.File("task.bin");
        await File.WriteAllBytesAsync(taskFile, UnlearnTask().ToByteArray());
        const string script = """
            import subprocess, sys, glob, os
            root, out, task_file = sys.argv[1:4]
            protos = [os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "**", "*.proto"), recursive=True)]
            subprocess.run(["/usr/bin/protoc", "-I" + root, "-I/usr/include", "--python_out=" + out] + protos, check=True)
            sys.path.insert(0, out)
            from fedunlearn.v1 import tasks_pb2, forget_pb2
            task = tasks_pb2.ClientTask.FromString(open(task_file, "rb").read())
            assert task.WhichOneof("kind") == "unlearn" and task.unlearn.scope.samples.sample_count == 120, task
            assert task.unlearn.role == tasks_pb2.UNLEARN_ROLE_FORGET and task.deadline.seconds == 1893553445
            req = forget_pb2.RequestForgetRequest(request_id="req-9", reason="gdpr")
            req.scope.class_label.label = 4
            sys.stdout.write(req.SerializeToString().hex())
            """;

        var hex = await Python.RunAsync(script, protoRoot, dir.Path, taskFile);
        var request = RequestForgetRequest.Parser.ParseFrom(Convert.FromHexString(hex.Trim()));

        Assert.Equal("req-9", request.RequestId);
        Assert.Equal(4, request.Scope.ClassLabel.Label);
    }
}
