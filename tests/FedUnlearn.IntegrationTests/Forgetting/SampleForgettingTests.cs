using System.Buffers.Binary;
using System.Text;
using FedUnlearn.Client;
using FedUnlearn.Client.Storage;
using FedUnlearn.Contracts.V1;
using FedUnlearn.IntegrationTests.Forgetting.Support;
using FedUnlearn.Server.Audit;
using Xunit.Abstractions;

namespace FedUnlearn.IntegrationTests.Forgetting;

/// <summary>A client forgets some of its own samples: tombstoned at once, unlearned by a campaign, never trained on again, never named to the server.</summary>
[Collection(ForgettingCollection.Name)]
public sealed class SampleForgettingTests(FederationFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task RequestForgetAsync_CampaignCompletes_SamplesNeverTrainedOnAgainAndNeverLeaveTheClient()
    {
        await using var federation = await FederationHarness.StartAsync(fixture.Data, clients: 3, logs: new TestOutputLogs(output));
        var owner = federation.Nodes[0];
        await federation.Running.WaitForRoundAsync(1).WaitAsync(FederationHarness.Patience);
        long[] forgotten = [.. Enumerable.Range(0, owner.Data.Count).Where(i => i % 11 == 3).Select(owner.Data.GetId)];
        // The recorder sees what training reads: round 1 read every one of these samples.
        Assert.Superset(forgotten.ToHashSet(), owner.Data.Tasks.First(t => t.Kind == ClientTaskKind.Train).Ids.ToHashSet());

        var request = await owner.Client!.RequestForgetAsync(forgotten, "erasure request #42");
        // From the acknowledgement on (a task already running when the request was made may finish with what it planned).
        var from = owner.Data.NextOrdinal;
        Assert.NotNull(request.TicketId);
        Assert.Equal((forgotten.Length, LocalForgetState.Accepted), (request.SampleCount, request.State));
        var outcome = await ForgetPolling.WaitForOutcomeAsync(owner.Client, request.TicketId);
        Assert.True(outcome.State == LocalForgetState.Completed, $"The request ended {outcome.State}: {outcome.FailureReason}");
        Assert.Equal(("rfa", 1, 1), (outcome.Method, outcome.RoundsCompleted, outcome.RoundsPlanned));
        // Verified on the clients, reported as aggregates only.
        Assert.Superset(new HashSet<string> { "forget_accuracy", "test_accuracy", "mia_loss_accuracy" }, outcome.Verification.Keys.ToHashSet());
        Assert.Equal(LocalForgetState.Completed, (await owner.Client.Store.ForgetRequests.GetAsync(request.RequestId))!.State);

        // Two more training rounds, both started after the campaign.
        var last = federation.Running.RecentRounds.Max(r => r.Round);
        await federation.Running.WaitForRoundAsync(last + 2).WaitAsync(FederationHarness.Patience);
        await federation.StopServerAsync();

        var after = owner.Data.Tasks.Where(t => t.Ordinal >= from).ToList();
        var trainedAfter = after.Where(t => t.Kind == ClientTaskKind.Train).ToList();
        Assert.True(trainedAfter.Count >= 2, $"Expected training after the request; the node ran: {string.Join(", ", after)}");
        var live = Enumerable.Range(0, owner.Data.Count).Select(owner.Data.GetId).Except(forgotten).ToHashSet();
        // Every later training task read exactly the live samples: none forgotten, none lost.
        Assert.All(trainedAfter, t => Assert.Equal(live, t.Ids.ToHashSet()));
        // The campaign's forget role legitimately read the forget set (as verification does, to measure forgetting).
        var unlearn = Assert.Single(after, t => t.Kind == ClientTaskKind.Unlearn);
        Assert.Superset(forgotten.ToHashSet(), unlearn.Ids.ToHashSet());
        // rfa corrects on the requester alone: the other nodes hold nothing to forget and run no unlearning task.
        Assert.All(federation.Nodes.Skip(1), n => Assert.DoesNotContain(n.Data.Tasks, t => t.Kind == ClientTaskKind.Unlearn));

        // Only the count reached the server: no file of its data directory holds an id in any encoding; the client's store does.
        var patterns = forgotten.SelectMany(Encodings).ToList();
        Assert.Empty(federation.ServerFilesContaining(patterns));
        await owner.StopAsync();
        Assert.NotEmpty(ClientFilesContaining(owner.DataDirectory, patterns));

        var audit = await federation.VerifyAuditAsync();
        Assert.True(audit.IsValid, audit.ToString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(federation.ServerDirectory, AuditLog.FileName));
        var completed = Assert.Single(lines, l => l.Contains($"\"ticket_id\":\"{request.TicketId}\"") && l.Contains("\"kind\":\"forget.completed\""));
        Assert.Contains($"\"request\":{{\"reason\":\"erasure request #42\",\"requested_by\":\"c0\",\"sample_count\":{forgotten.Length},\"scope\":\"samples\"}}", completed);
    }

    /// <summary>How a stored id may look: decimal text, little- and big-endian int64, and SQLite's 6-byte big-endian integer.</summary>
    private static IEnumerable<byte[]> Encodings(long id)
    {
        var le = new byte[8];
        var be = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(le, id);
        BinaryPrimitives.WriteInt64BigEndian(be, id);
        return [Encoding.ASCII.GetBytes(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), le, be, be[2..]];
    }

    private static List<string> ClientFilesContaining(string directory, IReadOnlyList<byte[]> patterns) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => { var bytes = File.ReadAllBytes(f); return patterns.Any(p => bytes.AsSpan().IndexOf(p) >= 0); })];
}
