using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Client;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

public class ControlMessagesTests
{
    [Fact]
    public void TryParse_EveryClientMessage_RoundTrips()
    {
        Assert.True(ControlMessages.TryParse(ControlMessages.Ready(), out var ready));
        Assert.Equal(ControlEventKind.Ready, ready.Kind);
        Assert.True(ControlMessages.TryParse(ControlMessages.Joined(), out var joined));
        Assert.Equal(ControlEventKind.Joined, joined.Kind);
        Assert.True(ControlMessages.TryParse(ControlMessages.Started(12, ClientTaskKind.Unlearn, "r12-client-003"), out var started));
        Assert.Equal(new ControlEvent(ControlEventKind.Started, 12, ClientTaskKind.Unlearn, "r12-client-003", 0), started);
        Assert.True(ControlMessages.TryParse(ControlMessages.Turn(12, 345), out var turn));
        Assert.Equal((ControlEventKind.Turn, 12L, 345), (turn.Kind, turn.Round, turn.Samples));
        Assert.True(ControlMessages.TryParse(ControlMessages.Submitted("r12-client-003"), out var submitted));
        Assert.Equal((ControlEventKind.Submitted, "r12-client-003"), (submitted.Kind, submitted.TaskId));
    }

    [Theory]
    [InlineData("joined federation as client-001")]
    [InlineData("@fedunlearn-simulate turn x 3")]
    [InlineData("@fedunlearn-simulate started 1 Sideways r1")]
    [InlineData("@fedunlearn-simulate vanished")]
    public void TryParse_AnythingElse_IsNotAMessage(string line)
    {
        Assert.False(ControlMessages.TryParse(line, out _));
    }

    [Fact]
    public void TryParseGo_GoLine_GivesTheRound()
    {
        Assert.True(ControlMessages.TryParseGo(ControlMessages.Go(42), out var round));
        Assert.Equal(42, round);
        Assert.False(ControlMessages.TryParseGo("go -1", out _));
        Assert.False(ControlMessages.TryParseGo("stop", out _));
    }

    [Fact]
    public async Task ControlChannel_Ready_WaitsForRun()
    {
        var output = new StringWriter();
        var (reader, writer) = Pipe();
        var channel = new ControlChannel(reader, output);

        var ready = channel.ReadyAsync(CancellationToken.None);
        Assert.Equal(ControlMessages.Ready() + Environment.NewLine, output.ToString());
        Assert.False(ready.IsCompleted);
        await writer.WriteLineAsync(ControlMessages.Run);
        await ready.WaitAsync(TimeSpan.FromSeconds(30));
        writer.Close();
    }

    [Fact]
    public async Task ControlChannel_GoBeforeOrAfterTheTurn_ReleasesIt_AndEndOfInputCloses()
    {
        var output = new StringWriter();
        var (reader, writer) = Pipe();
        var channel = new ControlChannel(reader, output);

        var turn = channel.HandOverAsync(3, 17, CancellationToken.None);
        Assert.False(turn.IsCompleted);
        Assert.Equal(ControlMessages.Turn(3, 17) + Environment.NewLine, output.ToString());
        await writer.WriteLineAsync(ControlMessages.Go(3));
        await turn.WaitAsync(TimeSpan.FromSeconds(30));

        await writer.WriteLineAsync(ControlMessages.Go(4));
        await writer.FlushAsync();
        writer.Close();
        await Task.Delay(Timeout.Infinite, channel.Closed).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        // A go that came first still counts once the turn is asked for; after the end of input a new turn is cancelled.
        await channel.HandOverAsync(4, 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.HandOverAsync(5, 1, CancellationToken.None));
    }

    private static (TextReader Reader, StreamWriter Writer) Pipe()
    {
        var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, server.ClientSafePipeHandle);
        return (new StreamReader(client), new StreamWriter(server) { AutoFlush = true });
    }
}
