using FedUnlearn.Cli.Tests.Support;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Rpc;
using FedUnlearn.Rpc.Client;
using FedUnlearn.Rpc.Services;

namespace FedUnlearn.Cli.Tests.Commands;

public sealed class AdminCommandsTests
{
    [Fact]
    public async Task ClientsAdd_PrintsOnlyTheTokenOnStdoutAndTheTokenWorks()
    {
        await using var server = await TestServer.StartAsync();

        var run = await CliRun.RunAsync("clients", "add", "bob", "--display-name", "Bob's clinic", "-s", server.Address, "--admin-token", TestServer.AdminToken);

        Assert.Equal(0, run.ExitCode);
        var token = run.Output.Trim();
        Assert.DoesNotContain('\n', token);
        Assert.Contains("cannot be shown again", run.Error);
        using var channel = GrpcChannel.ForAddress(server.Server.Address);
        var joined = await new FederationRpcClient(channel, token).JoinAsync(new JoinRequest { ClientId = "bob" });
        Assert.Equal("bob", joined.ClientId);
    }

    [Fact]
    public async Task ClientsAdd_ExistingName_FailsWithTheServersReason()
    {
        await using var server = await TestServer.StartAsync();
        await CliRun.RunAsync("clients", "add", "bob", "-s", server.Address, "--admin-token", TestServer.AdminToken);

        var again = await CliRun.RunAsync("clients", "add", "bob", "-s", server.Address, "--admin-token", TestServer.AdminToken);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("AlreadyExists", again.Error);
    }

    [Fact]
    public async Task ClientsAdd_WrongAdminToken_IsRefused()
    {
        await using var server = await TestServer.StartAsync();

        var run = await CliRun.RunAsync("clients", "add", "bob", "-s", server.Address, "--admin-token", "wrong-token-0123456789");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refused the token", run.Error);
    }

    [Fact]
    public async Task Status_ShowsTheFederationAndItsClients()
    {
        await using var server = await TestServer.StartAsync();
        await CliRun.RunAsync("clients", "add", "hospital-a", "-s", server.Address, "--admin-token", TestServer.AdminToken);

        var run = await CliRun.RunAsync("status", "-s", server.Address, "--admin-token", TestServer.AdminToken);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cli-test-federation", run.Output);
        Assert.Contains("hospital-a", run.Output);
        Assert.Contains("admitted", run.Output);
        Assert.Contains("0 online / 1 admitted", run.Output);
    }
}
