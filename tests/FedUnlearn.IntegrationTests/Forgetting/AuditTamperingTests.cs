using FedUnlearn.Cli;
using FedUnlearn.Client.Storage;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Audit;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>An honoured request leaves an audit trail an outsider can check, and editing one record of it is caught.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class AuditTamperingTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AuditVerify_OneRecordOfACompletedRequestEdited_ReportsThatRecord()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, logs: new TestOutputLogs(output));
        var owner = federation.Nodes[0];
        await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        var request = await owner.Client!.RequestForgetAsync(Enumerable.Range(0, 12).Select(i => owner.Data.GetId(i * 3)), "erase user 7");
        Assert.Equal(LocalForgetState.Completed, (await ForgetPolling.WaitForOutcomeAsync(owner.Client, request.TicketId!)).State);
        foreach (var node in federation.Nodes) await node.StopAsync();
        await federation.StopServerAsync();

        var log = Path.Combine(federation.ServerDirectory, AuditLog.FileName);
        var key = Path.Combine(federation.ServerDirectory, AuditSigningKey.PublicKeyFileName);
        var intact = await federation.VerifyAuditAsync();
        Assert.True(intact.IsValid, intact.ToString());
        var lines = await File.ReadAllLinesAsync(log);
        // client.added ×3, forget.accepted, forget.completed.
        Assert.Equal(5, intact.RecordCount);

        // Someone shrinks the request in its acceptance record, the fourth of five.
        var accepted = Array.FindIndex(lines, l => l.Contains("\"kind\":\"forget.accepted\"", StringComparison.Ordinal));
        Assert.Equal(3, accepted);
        Assert.Contains("\"sample_count\":12,", lines[accepted]);
        lines[accepted] = lines[accepted].Replace("\"sample_count\":12,", "\"sample_count\":2,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(log, lines);

        var tampered = await federation.VerifyAuditAsync();
        Assert.False(tampered.IsValid);
        Assert.Equal((AuditFailureKind.HashMismatch, 4L, 4L, 3L), (tampered.Failure!.Kind, tampered.Failure.Sequence, tampered.Failure.LineNumber, tampered.RecordCount));

        // The operator's command says the same and fails.
        using var console = new StringWriter();
        var exit = await CliApp.RunAsync(["audit", "verify", log, "--public-key", key], console, console);
        Assert.NotEqual(0, exit);
        Assert.Contains("FAILED at record 4 (line 4): HashMismatch", console.ToString());
    }
}
