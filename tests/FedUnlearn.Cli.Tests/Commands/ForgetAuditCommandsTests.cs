using FedUnlearn.Cli.Tests.Support;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class ForgetAuditCommandsTests
{
    [Fact]
    public async Task ForgetClass_PrintsTheTicket_SameKeyIsADuplicate_ListAndStatusShowIt()
    {
        await using var server = await TestServer.StartAsync();
        string[] admin = ["-s", server.Address, "--admin-token", TestServer.AdminToken];

        var first = await CliRun.RunAsync(["forget", "class", "3", "--reason", "poisoned label", "--request-id", "op-1", .. admin]);
        var again = await CliRun.RunAsync(["forget", "class", "3", "--request-id", "op-1", .. admin]);
        var list = await CliRun.RunAsync(["forget", "list", .. admin]);
        var status = await CliRun.RunAsync(["forget", "status", "fgt-000001", .. admin]);
        var missing = await CliRun.RunAsync(["forget", "status", "fgt-999999", .. admin]);
        var invalid = await CliRun.RunAsync(["forget", "class", "12", .. admin]);

        Assert.Equal((0, "fgt-000001"), (first.ExitCode, first.Output.Trim()));
        Assert.Equal((0, "fgt-000001"), (again.ExitCode, again.Output.Trim()));
        Assert.Contains("Already requested", again.Error);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("class 3", list.Output);
        // Accepted, or already running (its campaign waits for clients): never lost, never finished without clients.
        Assert.Matches("accepted|running", status.Output);
        Assert.Contains("rfa", status.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No forget request 'fgt-999999'", missing.Error);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("class label 12 is outside the model's classes 0..9", invalid.Error);
    }

    [Fact]
    public async Task AuditVerify_IntactLogPasses_TamperedLogFailsNamingTheRecord()
    {
        await using var server = await TestServer.StartAsync();
        await CliRun.RunAsync("forget", "client", "nobody", "-s", server.Address, "--admin-token", TestServer.AdminToken);
        await CliRun.RunAsync("clients", "add", "a", "-s", server.Address, "--admin-token", TestServer.AdminToken);
        await CliRun.RunAsync("forget", "client", "a", "-s", server.Address, "--admin-token", TestServer.AdminToken);
        await server.Server.StopAsync();
        string log = Path.Combine(server.DataDirectory, "audit.jsonl"), key = Path.Combine(server.DataDirectory, "audit-signing-key.pub.pem");

        var intact = await CliRun.RunAsync("audit", "verify", log, "--public-key", key);
        string[] lines = await File.ReadAllLinesAsync(log);
        lines[1] = lines[1].Replace("\"client_id\":\"a\"", "\"client_id\":\"b\"", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(log, lines);
        var tampered = await CliRun.RunAsync("audit", "verify", log, "--public-key", key);

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("OK: 2 records verified", intact.Output);
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("FAILED at record 2 (line 2): HashMismatch", tampered.Output);
    }
}
