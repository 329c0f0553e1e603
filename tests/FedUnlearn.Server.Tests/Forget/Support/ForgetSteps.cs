using FedUnlearn.Contracts.Parameters;
using FedUnlearn.Contracts.V1;
using FedUnlearn.Server.Tests.Federation.Support;
using Microsoft.Data.Sqlite;

namespace FedUnlearn.Server.Tests.Forget.Support;

/// <summary>What fake clients do in a forget campaign: answer unlearn tasks with hand-made deltas and evaluation tasks with hand-made reports.</summary>
internal static class ForgetSteps
{
    /// <summary>Admits, joins (declaring class counts when given) and subscribes each client.</summary>
    public static async Task<FakeClient[]> ConnectAsync(ServerHarness harness, params string[] ids)
    {
        var clients = new FakeClient[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            clients[i] = await harness.AddClientAsync(ids[i]);
            await clients[i].JoinAsync();
            await clients[i].SubscribeAsync();
        }

        return clients;
    }

    /// <summary>The next task of every client, checked to be of <paramref name="kind"/>.</summary>
    public static async Task<ClientTask[]> NextAsync(IEnumerable<FakeClient> clients, ClientTask.KindOneofCase kind)
    {
        ClientTask[] tasks = await Task.WhenAll(clients.Select(c => c.NextTaskAsync()));
        Assert.All(tasks, t => Assert.Equal(kind, t.KindCase));
        return tasks;
    }

    /// <summary>Each client answers its task with <c>Delta(value)</c>.</summary>
    public static Task SubmitAllAsync(FakeClient[] clients, ClientTask[] tasks, float value = 1) =>
        Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(tasks[i], TestAdapters.Delta(value))));

    /// <summary>Sends an evaluation result (a report, no payload).</summary>
    public static Task<SubmitUpdateResponse> ReportAsync(FakeClient client, ClientTask task, EvaluationReport report) =>
        client.Rpc.SubmitUpdateAsync(new SubmitUpdateHeader { TaskId = task.TaskId, BaseVersion = task.AdapterVersion, Evaluation = report }, update: null);

    public static EvaluationReport Report(double test, ulong testSamples, double? forget = null, ulong forgetSamples = 0)
    {
        var report = new EvaluationReport { TestAccuracy = test, TestSamples = testSamples, RetainAccuracy = test, RetainSamples = testSamples, ForgetSamples = forgetSamples };
        if (forget is { } f)
        {
            report.ForgetAccuracy = f;
            report.MiaLossAccuracy = 0.5;
        }

        return report;
    }

    /// <summary>Every client reports <paramref name="report"/>.</summary>
    public static Task ReportAllAsync(FakeClient[] clients, ClientTask[] tasks, Func<int, EvaluationReport> report) =>
        Task.WhenAll(clients.Select((c, i) => ReportAsync(c, tasks[i], report(i))));

    public static ForgetScope Samples(ulong count) => new() { Samples = new SampleScope { SampleCount = count } };

    public static ForgetScope Class(int label) => new() { ClassLabel = new ClassScope { Label = label } };

    public static ForgetScope Client(string id) => new() { Client = new ClientScope { ClientId = id } };

    /// <summary>One column of the forget_requests table, read straight from the database file (as an auditor would).</summary>
    public static async Task<List<string>> ReadColumnAsync(string dataDirectory, string column)
    {
        string path = Path.Combine(dataDirectory, FedUnlearn.Server.Storage.FederationStore.DatabaseFileName);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM forget_requests ORDER BY seq";
        var values = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    public static float[] Values(ParameterSet set, string name) => set[name].Data;
}
