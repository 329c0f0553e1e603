namespace FedUnlearn.Torch.Tests.Support;

/// <summary>A fact that needs /usr/bin/python3 and is skipped, with the reason, only where it is absent.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!Python.IsAvailable)
        {
            Skip = $"{Python.Path} is not installed (scripts/prereqs.sh installs it with python3-torch); the PyTorch reference cannot run.";
        }
    }
}
