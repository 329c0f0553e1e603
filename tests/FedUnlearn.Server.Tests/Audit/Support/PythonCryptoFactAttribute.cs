namespace FedUnlearn.Server.Tests.Audit.Support;

/// <summary>A fact that needs /usr/bin/python3 with python3-cryptography; skipped, with the reason, where absent.</summary>
public sealed class PythonCryptoFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";
    private const string CryptographyPackage = "/usr/lib/python3/dist-packages/cryptography/__init__.py";

    public PythonCryptoFactAttribute()
    {
        if (!File.Exists(Python) || !File.Exists(CryptographyPackage))
            Skip = $"{Python} with python3-cryptography is not installed (scripts/prereqs.sh installs it); the independent verifier cannot run.";
    }
}
