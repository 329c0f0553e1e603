using FedUnlearn.Cli.Simulation.Orchestration;
using FedUnlearn.Cli.Simulation.Orchestration.Internal;
using FedUnlearn.Cli.Simulation.Scenarios;
using FedUnlearn.Learning.Models;

namespace FedUnlearn.Cli.Tests.Simulation.Orchestration;

/// <summary>
/// A client process of <c>simulate --processes separate</c>, started as the real <c>fedunlearn client</c> command:
/// a crash becomes an error naming the client, and stopping never leaves the process behind.
/// </summary>
public sealed class ClientProcessTests : IDisposable
{
    private readonly TempDirectory _directory = new("fedunlearn-client-process-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Failed_ClientProcessCrashes_SimulationExceptionNamesTheClientAndItsErrorOutput()
    {
        await using var process = Create(7, _directory.File("missing.safetensors"), control: true);
        process.Start();

        var error = await Assert.ThrowsAsync<SimulationException>(() => process.Failed.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.StartsWith("Client 7 (client-007, process ", error.Message);
        Assert.Contains("exited with code 1 before the simulation stopped it", error.Message);
        Assert.Contains($"error: --base '{_directory.File("missing.safetensors")}' does not exist.", error.Message);
    }

    [Fact]
    public async Task Failed_ProcessDiesAfterTheSimulationWasCancelled_IsCancelledNotAnError()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var process = Create(1, _directory.File("missing.safetensors"), control: true, cancelled.Token);
        process.Start();

        await Assert.ThrowsAsync<TaskCanceledException>(() => process.Failed.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task StopAsync_ControlledClient_EndsByItselfWhenItsInputCloses()
    {
        var ready = new TaskCompletionSource();
        await using var process = Create(0, await WriteBaseAsync(), control: true, onEvent: e =>
        {
            if (e.Kind == ControlEventKind.Ready) ready.TrySetResult();
        });
        process.StopGrace = TimeSpan.FromMinutes(1);
        process.Start();
        // Ready: data built and model loaded, waiting for 'run' (which never comes: the server does not exist).
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(1));

        await process.StopAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.True(process.Failed.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task StopAsync_ClientIgnoringItsInput_IsKilledAfterTheGracePeriod()
    {
        // Without --simulation-control the client keeps trying to reach the (absent) server until Ctrl+C.
        await using var process = Create(0, await WriteBaseAsync(), control: false);
        process.StopGrace = TimeSpan.FromMilliseconds(300);
        process.Start();

        await process.StopAsync();

        Assert.NotNull(process.ExitCode);
        Assert.NotEqual(0, process.ExitCode);
        Assert.True(process.Failed.IsCompletedSuccessfully);
    }

    private const string Scenario = """{ "dataset": { "kind": "synthetic", "trainSize": 200, "testSize": 40, "classes": 4 }, "clients": { "count": 8 } }""";

    private ClientProcess Create(int index, string basePath, bool control, CancellationToken cancellationToken = default, Action<ControlEvent>? onEvent = null)
    {
        var scenario = _directory.File("scenario.json");
        File.WriteAllText(scenario, Scenario);
        List<string> arguments = ["client", "--server", "http://127.0.0.1:9", "--name", $"client-{index:D3}", "--data-dir", _directory.File($"client-{index}"),
            "--base", basePath, "--scenario", scenario, "--client-index", $"{index}"];
        if (control) arguments.Add("--simulation-control");
        var start = ClientCommandLine.Create(arguments, new Dictionary<string, string> { ["FEDUNLEARN_TOKEN"] = "not-checked" });
        return new ClientProcess(index, $"client-{index:D3}", start, (_, e) => onEvent?.Invoke(e), cancellationToken);
    }

    // The scenario's base model, untrained: a controlled client loads it before it says it is ready.
    private async Task<string> WriteBaseAsync()
    {
        var path = _directory.File("base.safetensors");
        using var model = ModelFactory.Create(ScenarioLoader.Parse(Scenario).Model.ToModelSpec(4) with { LoRA = null }, 1);
        await ModelFactory.SaveBaseAsync(model, path);
        return path;
    }
}
