using System.CommandLine;

namespace FedUnlearn.Cli.Common;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CliOptions
{
    public const string AdminTokenVariable = "FEDUNLEARN_ADMIN_TOKEN";
    public const string ClientTokenVariable = "FEDUNLEARN_TOKEN";

    public static Option<string> Server() => new("--server", "-s")
    {
        Description = "Address of the aggregator, e.g. https://fl.example.org:7443 (http:// only for 127.0.0.1).",
        Required = true,
    };

    // No DefaultValueFactory reading the variable: help prints defaults, and a token must never be printed.
    public static Option<string?> AdminToken() => new("--admin-token")
    {
        Description = $"Admin token of the server (default: ${AdminTokenVariable}; prefer the variable, command lines are visible to other users).",
    };

    public static Option<FileInfo?> CaCertificate() => new("--ca-cert")
    {
        Description = "PEM or DER certificate to trust as the server's root (a private CA or a self-signed server certificate).",
    };

    public static Option<bool> InsecureSkipVerify() => new("--insecure-skip-verify")
    {
        Description = "Accept any server certificate. For tests with throw-away certificates only.",
    };

    public static Option<DirectoryInfo> DataDirectory(string description) => new("--data-dir", "-d")
    {
        Description = description,
        Required = true,
    };

    /// <summary>The value of <paramref name="option"/>, else of environment variable <paramref name="variable"/>, or a clear error naming both.</summary>
    public static string RequireToken(ParseResult parse, Option<string?> option, string variable) =>
        parse.GetValue(option) is { Length: > 0 } token ? token
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new CliException($"{option.Name} is required (or set ${variable}).");

    /// <summary>Parses an absolute http(s) address or explains what is wrong with it.</summary>
    public static Uri ParseAddress(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            throw new CliException($"'{text}' is not a server address; expected http(s)://host:port.");
        return address;
    }
}
