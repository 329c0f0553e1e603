namespace FedUnlearn.Testing.Tests;

public sealed class PythonTests
{
    [PythonFact]
    public async Task RunAsync_Script_GetsArgumentsAndReturnsStdout()
    {
        string output = await Python.RunAsync("import sys; print('-'.join(sys.argv[1:]))", "a", "b c");

        Assert.Equal("a-b c\n", output);
    }

    [PythonFact]
    public async Task RunAsync_NonZeroExit_ThrowsWithStderr()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Python.RunAsync("import sys; sys.stderr.write('broken reference'); sys.exit(3)"));

        Assert.Contains("exited with 3", error.Message);
        Assert.Contains("broken reference", error.Message);
    }

    [PythonFact]
    public void HasModule_StandardAndMissingModule_TellsThemApart()
    {
        Assert.True(Python.HasModule("json"));
        Assert.False(Python.HasModule("fedunlearn_no_such_module"));
    }

    [Fact]
    public void PythonFact_MissingModule_IsSkippedWithTheModuleNamed()
    {
        var fact = new PythonFactAttribute("json", "fedunlearn_no_such_module");

        Assert.NotNull(fact.Skip);
        Assert.Contains(Python.IsAvailable ? "fedunlearn_no_such_module" : Python.Path, fact.Skip);
        Assert.DoesNotContain("json", fact.Skip);
    }

    [Fact]
    public void PythonFact_EverythingPresent_RunsWherePythonIs()
    {
        var fact = new PythonFactAttribute("json");

        Assert.Equal(Python.IsAvailable, fact.Skip is null);
    }
}
