using System.Globalization;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>The operator forgets a whole class across the federation: the global model stops recognising it and keeps the others.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class ClassForgettingTests(FederationFixture fixture, ITestOutputHelper output)
{
    private const int Forgotten = 2;

    [Fact]
    public async Task AdminRequestForget_Class_CompletesAndTheClassAccuracyCollapsesWhileTheOthersStay()
    {
        // RFA's forget loss needs a few passes over these few hundred samples to move a whole class.
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, o =>
        {
            o.Forget.Methods["rfa"].Options["epochs"] = "8";
            o.Forget.Methods["rfa"].Options["lr"] = "0.01";
        }, new TestOutputLogs(output));
        await federation.Running.WaitForRoundAsync(3).WaitAsync(FederationHarness.Patience);

        var ack = await federation.Admin.RequestForgetAsync(new RequestForgetRequest
        {
            RequestId = "drop-class-2",
            Scope = new ForgetScope { ClassLabel = new ClassScope { Label = Forgotten } },
            Reason = "label withdrawn by the data owner",
        });
        var status = await federation.WaitForOutcomeAsync(ack.TicketId);
        Assert.True(status.State == ForgetState.Completed, $"The request ended {status.State}: {status.FailureReason}");
        Assert.True(status.Verification.HasForgetAccuracy && status.Verification.ForgetAccuracy <= 0.1, $"The clients still recognise class {Forgotten}: {status.Verification}");
        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();

        await using var store = await federation.OpenStoreAsync();
        var record = (await store.GetForgetRequestAsync(ack.TicketId))!;
        var before = await fixture.Data.ClassAccuracyAsync(await store.LoadGlobalAsync(record.VersionBefore!.Value));
        var after = await fixture.Data.ClassAccuracyAsync(await store.LoadGlobalAsync(record.VersionAfter!.Value));
        output.WriteLine($"class accuracy before: {Format(before)}; after: {Format(after)}");

        var others = Enumerable.Range(0, before.Length).Where(c => c != Forgotten).ToArray();
        Assert.True(before[Forgotten] >= 0.7, $"Class {Forgotten} was not learned before the request: {Format(before)}");
        Assert.True(after[Forgotten] <= 0.25, $"Class {Forgotten} is still recognised: {Format(after)}");
        Assert.All(others, c => Assert.True(after[c] >= 0.7 && after[c] >= before[c] - 0.15, $"Class {c} was damaged: {Format(before)} -> {Format(after)}"));
    }

    private static string Format(double[] accuracy) => string.Join(" ", accuracy.Select(a => a.ToString("F2", CultureInfo.InvariantCulture)));
}
